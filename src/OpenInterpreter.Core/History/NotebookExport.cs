using System.Text.Json;
using OpenInterpreter.Core.Messages;

namespace OpenInterpreter.Core.History;

/// <summary>
/// A conversation as a Jupyter notebook (nbformat 4.5): messages become Markdown cells, code becomes code cells with
/// the output that followed as their stream output. Written with <see cref="Utf8JsonWriter"/>, no reflection.
/// </summary>
public static class NotebookExport
{
    public static byte[] Write(IReadOnlyList<LmcMessage> messages)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("nbformat", 4);
            json.WriteNumber("nbformat_minor", 5);
            json.WriteStartObject("metadata");
            json.WriteStartObject("kernelspec");
            json.WriteString("name", "python3");
            json.WriteString("display_name", "Python 3");
            json.WriteString("language", "python");
            json.WriteEndObject();
            json.WriteStartObject("language_info");
            json.WriteString("name", "python");
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartArray("cells");
            var number = 0;
            for (var i = 0; i < messages.Count; i++)
            {
                var message = messages[i];
                if (message.Type == LmcType.Message)
                {
                    var who = message.Role == LmcRole.User ? "**User:** " : "";
                    Cell(json, ++number, "markdown", who + message.Content, output: null, language: null);
                }
                else if (message.Type == LmcType.Code)
                {
                    var output = i + 1 < messages.Count && messages[i + 1] is { Type: LmcType.Console, Format: LmcFormat.Output } next ? next.Content : null;
                    Cell(json, ++number, "code", message.Content, output, message.Format);
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void Cell(Utf8JsonWriter json, int number, string type, string source, string? output, string? language)
    {
        json.WriteStartObject();
        json.WriteString("cell_type", type);
        json.WriteString("id", $"cell-{number}");
        json.WriteStartObject("metadata");
        if (language is not null and not "python")
        {
            // The kernel is Python; other languages are marked so a reader knows the cell ran elsewhere.
            json.WriteString("language", language);
        }

        json.WriteEndObject();
        json.WriteStartArray("source");
        foreach (var line in Lines(source))
        {
            json.WriteStringValue(line);
        }

        json.WriteEndArray();
        if (type == "code")
        {
            json.WriteNull("execution_count");
            json.WriteStartArray("outputs");
            if (!string.IsNullOrEmpty(output))
            {
                json.WriteStartObject();
                json.WriteString("output_type", "stream");
                json.WriteString("name", "stdout");
                json.WriteStartArray("text");
                foreach (var line in Lines(output))
                {
                    json.WriteStringValue(line);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    /// <summary>Notebook text is a list of lines, each but the last keeping its newline.</summary>
    private static IEnumerable<string> Lines(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                yield return text[start..(i + 1)];
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            yield return text[start..];
        }
    }
}
