namespace OpenInterpreter.Cli.CommandLine;

/// <summary>A display setting only the terminal acts on: its profile key, how a profile turns it on, what it does there, and what another front end lacks for it.</summary>
internal sealed record TerminalOnlySetting(string Key, string ProfileName, string Does, string Lacks)
{
    /// <summary>The reason in one sentence: <c>--speak_messages reads the answers aloud at the terminal, and --json hands them to another program</c>.</summary>
    public string Sentence(string name, string frontEnd) => $"{name} {Does}, and {frontEnd} {Lacks}";
}
