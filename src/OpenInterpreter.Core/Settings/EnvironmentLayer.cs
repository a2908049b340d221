using System.Collections;

namespace OpenInterpreter.Core.Settings;

/// <summary>
/// The settings taken from environment variables, between the profiles and the command line. Provider keys
/// (<c>OPENAI_API_KEY</c>…) are read by the model layer itself; <see cref="SettingsLoader"/> lets them win over a key in
/// a profile.
/// </summary>
public static class EnvironmentLayer
{
    /// <summary>The variables read, and the profile key each sets.</summary>
    public static readonly IReadOnlyList<(string Variable, string Key)> Variables =
    [
        ("INTERPRETER_MODEL", "llm.model"),
        ("INTERPRETER_API_BASE", "llm.api_base"),
        ("INTERPRETER_TEMPERATURE", "llm.temperature"),
        ("INTERPRETER_CONTEXT_WINDOW", "llm.context_window"),
        ("INTERPRETER_MAX_TOKENS", "llm.max_tokens"),
        ("INTERPRETER_AUTO_RUN", "auto_run"),
        ("INTERPRETER_SAFE_MODE", "safe_mode"),
        ("INTERPRETER_OFFLINE", "offline"),
        ("INTERPRETER_VERBOSE", "verbose"),
    ];

    public static SettingsLayer Read(IDictionary environment)
    {
        var entries = new List<KeyValuePair<string, SettingValue>>();
        foreach (var (variable, key) in Variables)
        {
            if (environment[variable] is string { Length: > 0 } value)
            {
                entries.Add(new(key, SettingValue.Of(value, $"${variable}")));
            }
        }

        return new SettingsLayer("the environment", entries);
    }
}
