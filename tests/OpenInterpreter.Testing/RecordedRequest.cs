using System.Text.Json;

namespace OpenInterpreter.Testing;

/// <summary>A request the fake server received, for assertions on what the client sent.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The query string, with its leading <c>?</c>, or empty.</summary>
    public string Query { get; init; } = "";

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    /// <summary>The OpenAI chat messages of the request.</summary>
    public IReadOnlyList<JsonElement> Messages =>
        Json.TryGetProperty("messages", out var messages) ? messages.EnumerateArray().ToList() : [];

    /// <summary>The text content of the last message (a user message or a tool result).</summary>
    public string LastMessageText => Messages.Count == 0 ? "" : ContentText(Messages[^1]);

    /// <summary>The text of every tool result in the request, in order: OpenAI's and Ollama's <c>tool</c> messages, Anthropic's <c>tool_result</c> blocks.</summary>
    public IReadOnlyList<string> ToolResults =>
        Messages.SelectMany(ToolResultTexts).ToList();

    /// <summary>The system prompt: Anthropic's top-level <c>system</c>, or the first system message.</summary>
    public string SystemText => Json.TryGetProperty("system", out var system)
        ? system.ValueKind == JsonValueKind.String ? system.GetString() ?? "" : string.Concat(system.EnumerateArray().Select(b => b.TryGetProperty("text", out var t) ? t.GetString() : ""))
        : Messages.Where(m => m.GetProperty("role").GetString() == "system").Select(ContentText).FirstOrDefault() ?? "";

    private static IEnumerable<string> ToolResultTexts(JsonElement message)
    {
        if (message.GetProperty("role").GetString() == "tool")
        {
            yield return ContentText(message);
            yield break;
        }

        if (message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array)
        {
            foreach (var block in content.EnumerateArray())
            {
                if (block.TryGetProperty("type", out var type) && type.GetString() == "tool_result")
                {
                    yield return ContentText(block);
                }
            }
        }
    }

    /// <summary>
    /// The images the request carries, decoded, in order: OpenAI <c>image_url</c> parts with a base64 data URL, and
    /// Anthropic <c>image</c> blocks, also those inside a <c>tool_result</c>.
    /// </summary>
    public IReadOnlyList<byte[]> Images =>
        Messages.SelectMany(m => Parts(m)).SelectMany(ImageBytes).ToList();

    /// <summary>The Anthropic <c>image</c> blocks inside <c>tool_result</c> blocks, decoded, in order.</summary>
    public IReadOnlyList<byte[]> ToolResultImages =>
        Messages.SelectMany(m => Parts(m))
            .Where(p => p.TryGetProperty("type", out var type) && type.GetString() == "tool_result")
            .SelectMany(p => Parts(p))
            .SelectMany(ImageBytes)
            .ToList();

    private static IEnumerable<JsonElement> Parts(JsonElement message) =>
        message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array ? content.EnumerateArray() : [];

    private static IEnumerable<byte[]> ImageBytes(JsonElement part)
    {
        var type = part.TryGetProperty("type", out var t) ? t.GetString() : null;
        if (type == "image_url")
        {
            var url = part.GetProperty("image_url").GetProperty("url").GetString() ?? "";
            yield return Convert.FromBase64String(url[(url.IndexOf("base64,", StringComparison.Ordinal) + "base64,".Length)..]);
        }
        else if (type == "image")
        {
            yield return Convert.FromBase64String(part.GetProperty("source").GetProperty("data").GetString() ?? "");
        }
        else if (type == "tool_result")
        {
            foreach (var inner in Parts(part).SelectMany(ImageBytes))
            {
                yield return inner;
            }
        }
    }

    public static string ContentText(JsonElement message)
    {
        if (!message.TryGetProperty("content", out var content))
        {
            return "";
        }

        return content.ValueKind switch
        {
            JsonValueKind.String => content.GetString() ?? "",
            JsonValueKind.Array => string.Concat(content.EnumerateArray()
                .Where(p => p.TryGetProperty("text", out _))
                .Select(p => p.GetProperty("text").GetString())),
            _ => "",
        };
    }
}
