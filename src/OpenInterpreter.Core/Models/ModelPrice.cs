namespace OpenInterpreter.Core.Models;

/// <summary>What a model costs (US dollars per million tokens read and written) and how much it reads at once.</summary>
public sealed record ModelPrice(string Model, decimal InputPerMillion, decimal OutputPerMillion, int ContextWindow)
{
    /// <summary>The cost of sending <paramref name="inputTokens"/> tokens.</summary>
    public decimal InputCost(int inputTokens) => inputTokens * InputPerMillion / 1_000_000m;
}
