using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace OpenInterpreter.Core.Models;

/// <summary>
/// JSON pieces our own provider clients share, written with <see cref="Utf8JsonWriter"/> so they stay Native AOT
/// clean: tool-call arguments, tool schemas, and reading an arguments object back.
/// </summary>
internal static class ChatJson
{
    public static string Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            body(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes a call's arguments as a JSON object.</summary>
    public static void WriteArguments(Utf8JsonWriter w, IDictionary<string, object?>? arguments)
    {
        w.WriteStartObject();
        foreach (var (name, value) in arguments ?? new Dictionary<string, object?>())
        {
            w.WritePropertyName(name);
            WriteValue(w, value);
        }

        w.WriteEndObject();
    }

    /// <summary>The parameters schema of a tool (always an object schema).</summary>
    public static void WriteSchema(Utf8JsonWriter w, AITool tool)
    {
        if (tool is AIFunctionDeclaration function)
        {
            function.JsonSchema.WriteTo(w);
        }
        else
        {
            w.WriteStartObject();
            w.WriteString("type", "object");
            w.WriteEndObject();
        }
    }

    /// <summary>Reads an arguments object into the dictionary a <see cref="FunctionCallContent"/> carries; null when it is not one.</summary>
    public static Dictionary<string, object?>? ReadArguments(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.Length == 0 ? "{}" : json);
            return ReadArguments(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static Dictionary<string, object?>? ReadArguments(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object
            ? element.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone())
            : null;

    /// <summary>The text of a tool result.</summary>
    public static string ResultText(FunctionResultContent result) => result.Result switch
    {
        null => "",
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString() ?? "",
        JsonElement element => element.GetRawText(),
        var other => Convert.ToString(other, CultureInfo.InvariantCulture) ?? "",
    };

    private static void WriteValue(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null:
                w.WriteNullValue();
                break;
            case string text:
                w.WriteStringValue(text);
                break;
            case JsonElement element:
                element.WriteTo(w);
                break;
            case bool flag:
                w.WriteBooleanValue(flag);
                break;
            case int or long or double or float or decimal:
                w.WriteRawValue(Convert.ToString(value, CultureInfo.InvariantCulture)!);
                break;
            default:
                w.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
