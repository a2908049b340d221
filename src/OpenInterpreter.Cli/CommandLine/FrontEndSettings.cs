using OpenInterpreter.Core.Settings;

namespace OpenInterpreter.Cli.CommandLine;

/// <summary>
/// The settings that <c>--json</c>, <c>--server</c> and <c>--mcp</c> do not act on, and the words that say why. Set in
/// a profile or the environment they are warned about, one line each, naming where they were set; given as flags they
/// are refused by <see cref="FrontEndFlags"/> with the same words.
/// </summary>
internal static class FrontEndSettings
{
    /// <summary>The display settings only the terminal acts on.</summary>
    public static readonly IReadOnlyList<TerminalOnlySetting> TerminalOnly =
    [
        new("speak_messages", "speak_messages", "reads the answers aloud at the terminal", "hands them to another program"),
        new("highlight_active_line", "highlight_active_line: false", "stops the terminal marking the line that runs", "shows nothing itself"),
        new("multi_line", "multi_line", "lets a line of ``` open a multi-line message at the terminal's prompt", "has no prompt"),
    ];

    /// <summary>Why a setting for the model this program calls changes nothing under <c>--mcp</c>.</summary>
    public const string McpCallsNoModel = "--mcp calls none: it serves the tools to another program's model";

    /// <summary>What <c>--mcp</c> serves, whatever <c>tools</c> and <c>os</c> say.</summary>
    public const string McpServes = "--mcp always serves execute and str_replace_editor";

    /// <summary>The keys <c>--mcp</c> acts on (the tools' own settings and safety); any other key set is warned about.</summary>
    private static readonly HashSet<string> McpActsOn =
    [
        "auto_run", "offline", "safe_mode", "sandbox", "sandbox_network", "permissions.allow", "permissions.ask", "permissions.deny",
        "redact_secrets", "timeout", "max_output", "llm.max_output", "computer.languages",
        // Nothing is saved under --mcp, which is what conversation_history: false asks; the rest have warnings of their own.
        "conversation_history", "version", "disable_telemetry", "contribute_conversation", "computer.import_computer_api",
        "computer.import_skills", "computer.system_message",
    ];

    /// <summary>The keys whose value is read back under another name (OI's older and nested spellings).</summary>
    private static readonly Dictionary<string, string> ReadAs = new(StringComparer.Ordinal)
    {
        ["llm.max_budget"] = "max_budget",
        ["force_task_completion"] = "loop",
        ["force_task_completion_message"] = "loop_message",
        ["force_task_completion_breakers"] = "loop_breakers",
    };

    private static readonly InterpreterSettings Defaults = new();

    /// <summary>
    /// One line for each setting of <paramref name="layers"/> that <paramref name="frontEnd"/> (<c>--json</c>,
    /// <c>--server</c>, <c>--mcp</c>) would take and not act on, where its value in <paramref name="settings"/> is not
    /// the built-in default; under <c>--mcp</c> the settings for a model share one line.
    /// </summary>
    public static IReadOnlyList<string> Warnings(string frontEnd, IReadOnlyList<SettingsLayer> layers, InterpreterSettings settings)
    {
        // Where each key was last written (that value is the one in effect), in the order the keys first appear.
        var set = layers.SelectMany(l => l.Entries)
            .GroupBy(e => e.Key, StringComparer.Ordinal)
            .Select(g => (Key: g.Key, Location: g.Last().Value.Location))
            .Where(w => IsSet(w.Key, settings))
            .ToList();
        var warnings = new List<string>();
        var forModel = new List<string>();
        foreach (var (key, location) in set)
        {
            if (TerminalOnly.FirstOrDefault(t => t.Key == key) is { } terminal)
            {
                warnings.Add($"{location}: {terminal.Sentence(terminal.ProfileName, frontEnd)}; ignored.");
                continue;
            }

            if (frontEnd != "--mcp" || McpActsOn.Contains(key))
            {
                continue;
            }

            switch (key)
            {
                case "mcp_servers":
                    warnings.Add($"{location}: mcp_servers offers other servers' tools to this program's model, and {McpCallsNoModel}; ignored.");
                    break;
                case "tools":
                    warnings.Add($"{location}: tools chooses the tools offered to this program's model, and {McpServes}; ignored.");
                    break;
                case "os":
                    warnings.Add($"{location}: os gives this program's model the screen, mouse and keyboard, and {McpServes}; ignored.");
                    break;
                case "verbose" or "debug":
                    warnings.Add($"{location}: {key} shows the requests to the model, and {McpCallsNoModel}; ignored.");
                    break;
                default:
                    forModel.Add($"{key} ({location})");
                    break;
            }
        }

        if (forModel.Count > 0)
        {
            warnings.Add($"{string.Join(", ", forModel)}: {(forModel.Count == 1 ? "this is a setting" : "these are settings")} for the model this program calls, and {McpCallsNoModel}; ignored.");
        }

        return warnings;
    }

    /// <summary>Whether <paramref name="key"/> has a value other than the built-in one (a key that cannot be read back counts as set).</summary>
    public static bool IsSet(string key, InterpreterSettings settings)
    {
        if (key == "mcp_servers")
        {
            return settings.McpServers.Count > 0;
        }

        if (SettingKeys.Find(ReadAs.GetValueOrDefault(key, key))?.Read is not { } read)
        {
            // An unknown key was warned about already; one without a read-back value was written on purpose.
            return SettingKeys.Find(key) is not null;
        }

        return (read(settings), read(Defaults)) switch
        {
            (IReadOnlyList<string> a, IReadOnlyList<string> b) => !a.SequenceEqual(b),
            var (a, b) => !Equals(a, b),
        };
    }
}
