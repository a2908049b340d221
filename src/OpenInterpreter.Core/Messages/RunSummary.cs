using System.Text.Json.Serialization;

namespace OpenInterpreter.Core.Messages;

/// <summary>
/// How a run ended, carried on the chunk that closes its console output, so a front end can show a failed run and
/// where the whole output went without reading the text the model gets.
/// </summary>
/// <param name="Status">One of <see cref="Succeeded"/>, <see cref="Failed"/>, <see cref="Interrupted"/>, <see cref="Crashed"/>.</param>
/// <param name="Error">A one-line reason when the run did not succeed (<c>exit status 2</c>, the exception); otherwise null.</param>
/// <param name="FullOutputPath">The file holding the whole output when it was too long to keep; otherwise null.</param>
public sealed record RunSummary(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("error")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? Error = null,
    [property: JsonPropertyName("full_output")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? FullOutputPath = null)
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Interrupted = "interrupted";
    public const string Crashed = "crashed";

    /// <summary>True when the run did not end well: an error, a non-zero exit, a crash.</summary>
    [JsonIgnore]
    public bool IsFailure => Status is Failed or Crashed;
}
