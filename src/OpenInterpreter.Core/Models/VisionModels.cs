namespace OpenInterpreter.Core.Models;

/// <summary>Judges by its name whether a model sees images, for when the settings do not say (<c>supports_vision</c>).</summary>
public static class VisionModels
{
    private static readonly string[] Markers =
    [
        "gpt-4o", "gpt-4.1", "gpt-4-turbo", "gpt-4-vision", "gpt-5", "o1", "o3", "o4", "chatgpt-4o",
        "claude-3", "claude-sonnet-4", "claude-opus-4", "claude-haiku-4", "claude-4",
        "gemini", "llava", "bakllava", "vision", "-vl", "pixtral", "moondream", "minicpm-v", "llama3.2-vision", "gemma3",
    ];

    public static bool Recognises(string model)
    {
        var name = model.ToLowerInvariant();
        var bare = name[(name.LastIndexOf('/') + 1)..];
        return Markers.Any(marker => bare.StartsWith(marker, StringComparison.Ordinal) || name.Contains(marker, StringComparison.Ordinal) && marker.Length > 3);
    }
}
