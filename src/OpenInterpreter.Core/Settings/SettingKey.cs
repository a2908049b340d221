namespace OpenInterpreter.Core.Settings;

/// <summary>
/// A profile key in OI's naming (<c>llm.model</c>, <c>auto_run</c>): how a value is applied to the settings, and how
/// the settings' value is read back when a profile is written. <see cref="Read"/> is null for keys that are accepted
/// for compatibility but have no effect here.
/// </summary>
public sealed record SettingKey(
    string Name,
    Func<InterpreterSettings, SettingValue, InterpreterSettings> Apply,
    Func<InterpreterSettings, object?>? Read);
