using System.Text.Json;
using Microsoft.Extensions.AI;

namespace OpenInterpreter.Core.Tools;

/// <summary>The <c>execute(language, code)</c> tool: its declaration for the model.</summary>
public static class ExecuteTool
{
    public const string Name = "execute";

    /// <summary>The declaration offered to the model, with <c>language</c> an enum of <paramref name="languages"/>.</summary>
    public static AIFunctionDeclaration Declare(IReadOnlyList<string> languages)
    {
        var schema = ToolSchema.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("type", "object");
            json.WriteStartObject("properties");
            json.WriteStartObject("language");
            json.WriteString("type", "string");
            json.WriteString("description", "The programming language of the code.");
            json.WriteStartArray("enum");
            foreach (var language in languages)
            {
                json.WriteStringValue(language);
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartObject("code");
            json.WriteString("type", "string");
            json.WriteString("description", "The code to run.");
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartArray("required");
            json.WriteStringValue("language");
            json.WriteStringValue("code");
            json.WriteEndArray();
            json.WriteEndObject();
        });
        return AIFunctionFactory.CreateDeclaration(
            Name,
            "Executes code on the user's machine, in a stateful session for the language: variables, the working " +
            "folder and environment persist between calls. Returns the output (stdout and stderr).",
            schema);
    }
}
