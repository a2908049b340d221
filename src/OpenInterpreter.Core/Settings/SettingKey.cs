namespace OpenInterpreter.Core.Settings;

/// <summary>
/// A profile key in OI's naming (<c>llm.model</c>, <c>auto_run</c>): how a value is applied to the settings, and how
/// the settings' value is read back when a profile is written. <see cref="Read"/> is null for keys that are accepted
/// for compatibility but have no effect here.
/// </summary>
public sealed record SettingKey(
    string Name,
    Func<InterpreterSettings, SettingValue, InterpreterSettings> Apply,
    Func<InterpreterSettings, object?>? Read)
{
    /// <summary>A warning for a value this program takes but cannot honour (e.g. OI's computer API asked for); null when fine.</summary>
    public Func<SettingValue, string?>? Warning { get; init; }
}
