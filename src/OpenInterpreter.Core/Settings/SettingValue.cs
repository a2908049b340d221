using System.Globalization;

namespace OpenInterpreter.Core.Settings;

/// <summary>
/// One value of a settings layer as written (a YAML scalar or list, a flag, an environment variable), with where it
/// was written, so a bad value is reported at its place.
/// </summary>
public sealed record SettingValue(string? Text, IReadOnlyList<string>? Items, string Location)
{
    public static SettingValue Of(string text, string location) => new(text, null, location);

    public static SettingValue List(IReadOnlyList<string> items, string location) => new(null, items, location);

    public string AsText(string key) => Text ?? throw Wrong(key, "a single value");

    public bool AsBool(string key) => Text?.Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "on" or "1" => true,
        "false" or "no" or "off" or "0" => false,
        _ => throw Wrong(key, "true or false"),
    };

    public int AsInt(string key, int minimum)
    {
        if (int.TryParse(Text?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= minimum)
        {
            return value;
        }

        throw Wrong(key, $"a whole number of at least {minimum}");
    }

    public double AsDouble(string key, double minimum, double maximum)
    {
        if (double.TryParse(Text?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum)
        {
            return value;
        }

        throw Wrong(key, $"a number from {minimum.ToString(CultureInfo.InvariantCulture)} to {maximum.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>A list, written as a YAML list or as one comma-separated value (as on the command line).</summary>
    public IReadOnlyList<string> AsList(string key) =>
        Items ?? Text?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? throw Wrong(key, "a list");

    private SettingsException Wrong(string key, string expected)
    {
        var shown = Text ?? (Items is null ? "a mapping" : "a list");

        // A flag is named as typed (`--max_tokens must be …`); a profile or variable by its place and key.
        return Location.StartsWith('-')
            ? new SettingsException($"{Location} must be {expected}, not '{shown}'.")
            : new SettingsException($"{Location}: {key} must be {expected}, not '{shown}'.", "Fix the value or remove it.");
    }
}
