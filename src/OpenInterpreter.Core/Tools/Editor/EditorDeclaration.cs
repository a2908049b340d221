using System.Text.Json;
using Microsoft.Extensions.AI;

namespace OpenInterpreter.Core.Tools.Editor;

/// <summary>The JSON schema of the editor function: Anthropic's text-editor parameters, so models use what they know.</summary>
public static class EditorDeclaration
{
    public const string Usage =
        "Example: {\"command\": \"str_replace\", \"path\": \"app.py\", \"old_str\": \"x = 1\", \"new_str\": \"x = 2\"}.";

    public static AIFunctionDeclaration Create(string name)
    {
        var schema = ToolSchema.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("type", "object");
            json.WriteStartObject("properties");
            Property(json, "command", "string", "The command to run.", ["view", "create", "str_replace", "insert", "undo_edit"]);
            Property(json, "path", "string", "Path of the file or folder, relative to the current folder or absolute.");
            Property(json, "file_text", "string", "create: the whole content of the new file.");
            Property(json, "old_str", "string", "str_replace: the exact text to replace; it must occur exactly once in the file.");
            Property(json, "new_str", "string", "str_replace: the replacement text (empty to delete). insert: the text to insert.");
            Property(json, "insert_line", "integer", "insert: the line number after which to insert (0 for the top of the file).");
            json.WriteStartObject("view_range");
            json.WriteString("type", "array");
            json.WriteStartObject("items");
            json.WriteString("type", "integer");
            json.WriteEndObject();
            json.WriteString("description", "view: [start, end] line numbers, 1-based; end -1 for the last line.");
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartArray("required");
            json.WriteStringValue("command");
            json.WriteStringValue("path");
            json.WriteEndArray();
            json.WriteEndObject();
        });
        return AIFunctionFactory.CreateDeclaration(
            name,
            "View, create and edit text files. view shows a file with line numbers (or a folder two levels deep); " +
            "create makes a new file (never overwrites); str_replace replaces text that occurs exactly once; insert " +
            "adds text after a line; undo_edit reverts the last change to a file. Each change is shown to the user, " +
            "who may decline it. Prefer this over writing files with code.",
            schema);
    }

    private static void Property(Utf8JsonWriter json, string name, string type, string description, string[]? values = null)
    {
        json.WriteStartObject(name);
        json.WriteString("type", type);
        json.WriteString("description", description);
        if (values is not null)
        {
            json.WriteStartArray("enum");
            foreach (var value in values)
            {
                json.WriteStringValue(value);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }
}
