using System.Text.Json;

namespace OpenInterpreter.Testing;

/// <summary>A request the fake server received, for assertions on what the client sent.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    /// <summary>The OpenAI chat messages of the request.</summary>
    public IReadOnlyList<JsonElement> Messages =>
        Json.TryGetProperty("messages", out var messages) ? messages.EnumerateArray().ToList() : [];

    /// <summary>The text content of the last message (a user message or a tool result).</summary>
    public string LastMessageText => Messages.Count == 0 ? "" : ContentText(Messages[^1]);

    /// <summary>The text of every tool result in the request, in order.</summary>
    public IReadOnlyList<string> ToolResults =>
        Messages.Where(m => m.GetProperty("role").GetString() == "tool").Select(ContentText).ToList();

    /// <summary>The images the request carries (OpenAI <c>image_url</c> parts with a base64 data URL), decoded, in order.</summary>
    public IReadOnlyList<byte[]> Images =>
        Messages.Where(m => m.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array)
            .SelectMany(m => m.GetProperty("content").EnumerateArray())
            .Where(p => p.TryGetProperty("type", out var type) && type.GetString() == "image_url")
            .Select(p => p.GetProperty("image_url").GetProperty("url").GetString() ?? "")
            .Select(url => Convert.FromBase64String(url[(url.IndexOf("base64,", StringComparison.Ordinal) + "base64,".Length)..]))
            .ToList();

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
