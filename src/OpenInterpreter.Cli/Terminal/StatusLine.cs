using System.Globalization;
using OpenInterpreter.Core.Conversation;
using OpenInterpreter.Core.Models;

namespace OpenInterpreter.Cli.Terminal;

/// <summary>The line after each turn: the model, tokens in and out of the turn and of the session, and the cost where the price is known.</summary>
internal static class StatusLine
{
    public static string For(string model, TokenUsage turn, TokenUsage session)
    {
        var text = $"{model} · turn {Count(turn.Input)} in, {Count(turn.Output)} out · session {Count(session.Input)} in, {Count(session.Output)} out";
        if (ModelPrices.Find(model) is { } price)
        {
            text += $" · ${Cost(price, turn).ToString("0.0000", CultureInfo.InvariantCulture)} turn, ${Cost(price, session).ToString("0.0000", CultureInfo.InvariantCulture)} session";
        }

        return text;
    }

    private static decimal Cost(ModelPrice price, TokenUsage usage) =>
        ((usage.Input * price.InputPerMillion) + (usage.Output * price.OutputPerMillion)) / 1_000_000m;

    private static string Count(long tokens) => tokens >= 10_000
        ? (tokens / 1000.0).ToString("0.#", CultureInfo.InvariantCulture) + "k"
        : tokens.ToString("N0", CultureInfo.InvariantCulture);
}
