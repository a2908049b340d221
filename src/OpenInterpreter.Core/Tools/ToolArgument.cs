using System.Globalization;
using System.Text.Json;

namespace OpenInterpreter.Core.Tools;

/// <summary>Reads one argument of a tool call whatever shape the provider gave it (string, number, <see cref="JsonElement"/>).</summary>
public static class ToolArgument
{
    public static string? String(IDictionary<string, object?> arguments, string name) =>
        arguments.TryGetValue(name, out var value) ? value switch
        {
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            JsonElement { ValueKind: JsonValueKind.Number } e => e.GetRawText(),
            null or JsonElement { ValueKind: JsonValueKind.Null } => null,
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        } : null;

    /// <summary>A whole number, also when the model wrote it as a string (<c>"3"</c>); null when absent or not a number.</summary>
    public static int? Integer(IDictionary<string, object?> arguments, string name) =>
        arguments.TryGetValue(name, out var value) ? value switch
        {
            int i => i,
            long l => (int)l,
            double d when d == Math.Floor(d) => (int)d,
            JsonElement { ValueKind: JsonValueKind.Number } e when e.TryGetInt32(out var i) => i,
            JsonElement { ValueKind: JsonValueKind.String } e when int.TryParse(e.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i,
            string s when int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i,
            _ => null,
        } : null;

    /// <summary>A list of whole numbers (<c>[x, y]</c>), also when the model wrote it as a string (<c>"[1, 2]"</c>).</summary>
    public static int[]? Integers(IDictionary<string, object?> arguments, string name)
    {
        if (!arguments.TryGetValue(name, out var value) || value is null)
        {
            return null;
        }

        switch (value)
        {
            case int[] ints:
                return ints;
            case JsonElement { ValueKind: JsonValueKind.Array } array:
                return array.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out _))
                    ? array.EnumerateArray().Select(e => e.GetInt32()).ToArray()
                    : null;
            case JsonElement { ValueKind: JsonValueKind.String } text:
                return Parse(text.GetString());
            case string text:
                return Parse(text);
            case IEnumerable<object?> items:
                var list = items.Select(i => i switch { int n => (int?)n, long n => (int)n, JsonElement { ValueKind: JsonValueKind.Number } e => e.GetInt32(), _ => null }).ToList();
                return list.All(i => i is not null) ? list.Select(i => i!.Value).ToArray() : null;
            default:
                return null;
        }
    }

    private static int[]? Parse(string? text)
    {
        try
        {
            using var document = JsonDocument.Parse(text ?? "");
            return document.RootElement.ValueKind == JsonValueKind.Array && document.RootElement.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out _))
                ? document.RootElement.EnumerateArray().Select(e => e.GetInt32()).ToArray()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
