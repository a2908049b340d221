namespace OpenInterpreter.Core.Settings;

/// <summary>
/// One source of settings (a profile, the environment, the command line) as dotted OI keys (<c>llm.model</c>,
/// <c>auto_run</c>) and their values, in the order written.
/// </summary>
public sealed record SettingsLayer(string Source, IReadOnlyList<KeyValuePair<string, SettingValue>> Entries)
{
    /// <summary>Lines the source itself gave while it was read (a Python profile's calls that were not honoured).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
