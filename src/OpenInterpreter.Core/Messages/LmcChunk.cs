using System.Text.Json.Serialization;

namespace OpenInterpreter.Core.Messages;

/// <summary>
/// A piece of a streamed LMC message. A message of a new (role, type, format) opens with a chunk whose
/// <see cref="Start"/> is set and closes with one whose <see cref="End"/> is set; the chunks between carry content.
/// Console output chunks also say which <see cref="Stream"/> they came from, and the chunk that ends a run's output
/// says how the run went (<see cref="Run"/>). Both are additions to OI's shape, left out of the JSON when not set.
/// </summary>
public sealed record LmcChunk(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("format")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? Format = null,
    [property: JsonPropertyName("content")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? Content = null,
    [property: JsonPropertyName("start")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    bool Start = false,
    [property: JsonPropertyName("end")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    bool End = false,
    [property: JsonPropertyName("stream")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? Stream = null,
    [property: JsonPropertyName("run")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    RunSummary? Run = null)
{
    /// <summary>True when this chunk belongs to the same message kind as <paramref name="other"/>.</summary>
    public bool SameKindAs(LmcChunk other) => Role == other.Role && Type == other.Type && Format == other.Format;
}
