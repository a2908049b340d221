using System.Globalization;
using OpenInterpreter.Core.Conversation;
using OpenInterpreter.Core.Models;

namespace OpenInterpreter.Cli.Terminal;

/// <summary>
/// The line after each turn: the model, tokens in and out of the turn and of the session, the cost where the price
/// is known, and under <c>max_budget</c> the spend against the budget.
/// </summary>
internal static class StatusLine
{
    public static string For(string model, TokenUsage turn, TokenUsage session, string? budget = null)
    {
        var text = $"{model} · turn {Count(turn.Input)} in, {Count(turn.Output)} out · session {Count(session.Input)} in, {Count(session.Output)} out";
        if (ModelPrices.Find(model) is { } price)
        {
            text += $" · ${Cost(price, turn).ToString("0.0000", CultureInfo.InvariantCulture)} turn";

            // Under a budget its part says what the session spent, against the cap.
            text += budget is null ? $", ${Cost(price, session).ToString("0.0000", CultureInfo.InvariantCulture)} session" : "";
        }

        return budget is null ? text : $"{text} · {budget}";
    }

    private static decimal Cost(ModelPrice price, TokenUsage usage) =>
        ((usage.Input * price.InputPerMillion) + (usage.Output * price.OutputPerMillion)) / 1_000_000m;

    private static string Count(long tokens) => tokens >= 10_000
        ? (tokens / 1000.0).ToString("0.#", CultureInfo.InvariantCulture) + "k"
        : tokens.ToString("N0", CultureInfo.InvariantCulture);
}
