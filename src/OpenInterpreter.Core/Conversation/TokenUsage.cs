using OpenInterpreter.Core.Models;

namespace OpenInterpreter.Core.Conversation;

/// <summary>
/// Tokens sent to and written by the model: the provider's own count where it gives one, else our count, which
/// <see cref="Reported"/> tells (the status line, <c>--json</c>'s outcome line and the library show it).
/// </summary>
public sealed record TokenUsage(long Input, long Output, bool Reported = true)
{
    public static TokenUsage None { get; } = new(0, 0);

    /// <summary>The estimated cost in US dollars at <paramref name="model"/>'s list price; null when the price is not known.</summary>
    public decimal? CostFor(string model) => ModelPrices.Find(model) is { } price
        ? (Input * price.InputPerMillion + Output * price.OutputPerMillion) / 1_000_000m
        : null;

    public static TokenUsage operator +(TokenUsage a, TokenUsage b) => new(a.Input + b.Input, a.Output + b.Output, a.Reported && b.Reported);

    public static TokenUsage operator -(TokenUsage a, TokenUsage b) => new(a.Input - b.Input, a.Output - b.Output, a.Reported);
}
