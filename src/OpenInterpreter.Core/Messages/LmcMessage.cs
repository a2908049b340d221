using System.Text.Json.Serialization;

namespace OpenInterpreter.Core.Messages;

/// <summary>
/// One message of a conversation in Open Interpreter's LMC shape, so saved conversations are interchangeable with
/// the original's: who said it, what kind of thing it is, its format and its content.
/// </summary>
public sealed record LmcMessage(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("format")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? Format = null)
{
    public static LmcMessage UserText(string content) => new(LmcRole.User, LmcType.Message, content);

    public static LmcMessage AssistantText(string content) => new(LmcRole.Assistant, LmcType.Message, content);

    public static LmcMessage AssistantCode(string language, string code) => new(LmcRole.Assistant, LmcType.Code, code, language);

    public static LmcMessage ConsoleOutput(string content) => new(LmcRole.Computer, LmcType.Console, content, LmcFormat.Output);
}
