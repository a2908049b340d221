namespace OpenInterpreter.Core.Conversation;

/// <summary>Tokens sent to and written by the model: the provider's own count where it gives one, else our count.</summary>
public sealed record TokenUsage(long Input, long Output)
{
    public static TokenUsage None { get; } = new(0, 0);

    public static TokenUsage operator +(TokenUsage a, TokenUsage b) => new(a.Input + b.Input, a.Output + b.Output);

    public static TokenUsage operator -(TokenUsage a, TokenUsage b) => new(a.Input - b.Input, a.Output - b.Output);
}
