using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OpenInterpreter.Core.Settings;

/// <summary>
/// Writes the settings that differ from the built-in defaults as a YAML profile in OI's layout (<c>llm:</c> and
/// <c>computer:</c> sections, <c>version: 0.2.5</c>). The API key is left out unless asked for.
/// </summary>
public static class ProfileWriter
{
    public static string Write(InterpreterSettings settings, bool includeApiKey, InterpreterSettings? defaults = null, string header = "Saved by interpreter --save-profile.")
    {
        defaults ??= new InterpreterSettings();
        var changed = SettingKeys.All
            .Where(k => k.Read is not null && (k.Name != SettingKeys.ApiKey || includeApiKey))
            .Select(k => (k.Name, Value: k.Read!(settings), Default: k.Read(defaults)))
            .Where(k => k.Value is not null && !SameValue(k.Value, k.Default))
            .ToList();

        var yaml = new StringBuilder($"# {header}\n");
        foreach (var section in SettingKeys.Sections)
        {
            var inSection = changed.Where(k => k.Name.StartsWith(section + ".", StringComparison.Ordinal)).ToList();
            if (inSection.Count > 0)
            {
                yaml.Append(section).Append(":\n");
                foreach (var (name, value, _) in inSection)
                {
                    yaml.Append("  ").Append(name[(section.Length + 1)..]).Append(": ").Append(Scalar(value!)).Append('\n');
                }
            }
        }

        foreach (var (name, value, _) in changed.Where(k => !k.Name.Contains('.')))
        {
            yaml.Append(name).Append(": ").Append(Scalar(value!)).Append('\n');
        }

        return yaml.Append("version: 0.2.5\n").ToString();
    }

    private static bool SameValue(object? a, object? b) =>
        a is IReadOnlyList<string> x && b is IReadOnlyList<string> y ? x.SequenceEqual(y) : Equals(a, b);

    /// <summary>A YAML scalar or flow list; strings are double-quoted with JSON escapes, which YAML reads the same way.</summary>
    private static string Scalar(object value) => value switch
    {
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IReadOnlyList<string> list => $"[{string.Join(", ", list.Select(Quote))}]",
        _ => Quote(value.ToString() ?? ""),
    };

    private static string Quote(string text) => $"\"{JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping)}\"";
}
