using OpenInterpreter.Core.Models;

namespace OpenInterpreter.Core.Conversation;

/// <summary>
/// The tokens a conversation has used so far: what the provider reported, else our own count of each request and
/// reply, so that <c>--json</c>'s outcome line and the library can say what a turn cost.
/// </summary>
public sealed class TokenUsage
{
    private long _input;
    private long _output;

    /// <summary>Tokens sent to the model, over every request.</summary>
    public long InputTokens => Interlocked.Read(ref _input);

    /// <summary>Tokens the model wrote, over every reply.</summary>
    public long OutputTokens => Interlocked.Read(ref _output);

    /// <summary>True when every figure came from the provider rather than our estimate.</summary>
    public bool Reported { get; private set; } = true;

    /// <summary>Adds one request and its reply.</summary>
    public void Add(long input, long output, bool reported)
    {
        Interlocked.Add(ref _input, input);
        Interlocked.Add(ref _output, output);
        Reported &= reported;
    }

    /// <summary>The estimated cost in US dollars at <paramref name="model"/>'s list price; null when the price is not known.</summary>
    public decimal? CostFor(string model) => ModelPrices.Find(model) is { } price
        ? (InputTokens * price.InputPerMillion + OutputTokens * price.OutputPerMillion) / 1_000_000m
        : null;
}
