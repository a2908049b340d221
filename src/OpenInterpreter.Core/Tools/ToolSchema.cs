using System.Text.Json;

namespace OpenInterpreter.Core.Tools;

/// <summary>Builds a tool's JSON schema with <see cref="Utf8JsonWriter"/>, which stays Native AOT clean.</summary>
public static class ToolSchema
{
    /// <summary>The JSON value <paramref name="write"/> writes, as an element that outlives the writer.</summary>
    public static JsonElement Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            write(json);
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }
}
