using System.Globalization;
using OpenInterpreter.Core.Models;

namespace OpenInterpreter.Core.Safety;

/// <summary>
/// What the conversation has spent, from the provider's reported usage priced by the price table (estimated from
/// our own token counts where no usage is reported), and the cap <c>--max_budget</c> sets: a request that would pass
/// it is not sent.
/// </summary>
public sealed class SpendingMeter(ModelPrice? price, double? cap)
{
    private readonly Lock _lock = new();
    private decimal _spent;
    private bool _estimated;

    /// <summary>US dollars spent so far.</summary>
    public decimal Spent
    {
        get
        {
            lock (_lock)
            {
                return _spent;
            }
        }
    }

    /// <summary>The cap in US dollars; null for none.</summary>
    public decimal? Cap { get; } = cap is { } c ? (decimal)c : null;

    /// <summary>Adds one request's tokens; <paramref name="reported"/> false when they were counted by us, not the provider.</summary>
    public void Record(long inputTokens, long outputTokens, bool reported)
    {
        if (price is null)
        {
            return;
        }

        lock (_lock)
        {
            _spent += (inputTokens * price.InputPerMillion + outputTokens * price.OutputPerMillion) / 1_000_000m;
            _estimated |= !reported;
        }
    }

    /// <summary>Throws before a request of <paramref name="inputTokens"/> tokens that would take the spend past the cap.</summary>
    public void EnsureRoom(long inputTokens)
    {
        if (Cap is not { } cap)
        {
            return;
        }

        var next = price is null ? 0 : inputTokens * price.InputPerMillion / 1_000_000m;
        if (Spent + next > cap || Spent >= cap)
        {
            throw new InterpreterException(
                $"Stopped before the next request: the conversation has spent {Money(Spent)} of its {Money(cap)} budget (max_budget), and the next request would pass it.",
                "Raise --max_budget (or max_budget in the profile) to go on.");
        }
    }

    /// <summary>One line: <c>Spent $0.0123 of $0.50 (estimated).</c></summary>
    public string Summary =>
        price is null ? $"Spending is not measured: no price is known for this model{(Cap is { } c ? $", so the {Money(c)} budget cannot be enforced" : "")}."
        : $"Spent {Money(Spent)}{(Cap is { } cap ? $" of {Money(cap)}" : "")}{(_estimated ? " (partly estimated from our own token counts)" : "")}.";

    /// <summary>The status line's part under a cap: <c>$0.0123 of $0.5000 budget</c>; null without a cap.</summary>
    public string? Budget => Cap is not { } cap ? null
        : price is null ? $"{Money(cap)} budget not enforced (no price known)"
        : $"{Money(Spent)}{(_estimated ? " (estimated)" : "")} of {Money(cap)} budget";

    private static string Money(decimal amount) => "$" + amount.ToString(amount < 1 ? "0.0000" : "0.00", CultureInfo.InvariantCulture);
}
