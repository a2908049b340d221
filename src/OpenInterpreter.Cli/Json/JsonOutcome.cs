using System.Text.Json.Serialization;

namespace OpenInterpreter.Cli.Json;

/// <summary>
/// The last line of <c>--json</c>: how the run ended (<c>done</c>, <c>failed</c>, <c>interrupted</c>), the exit code,
/// the error when there was one, the tokens and estimated cost, and the file the conversation was saved to.
/// </summary>
internal sealed record JsonOutcome(
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("exit_code")] int ExitCode,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("tokens")] JsonTokens Tokens,
    [property: JsonPropertyName("cost_usd")] decimal? CostUsd,
    [property: JsonPropertyName("conversation")] string? Conversation)
{
    /// <summary>Tells the outcome line from the LMC chunks before it, which all have a <c>role</c>.</summary>
    [JsonPropertyName("type")]
    [JsonPropertyOrder(-1)]
    public string Type => "outcome";
}

/// <summary>Tokens read and written over the run; <c>estimated</c> when we counted them rather than the provider.</summary>
internal sealed record JsonTokens(
    [property: JsonPropertyName("input")] long Input,
    [property: JsonPropertyName("output")] long Output,
    [property: JsonPropertyName("estimated")] bool Estimated);
