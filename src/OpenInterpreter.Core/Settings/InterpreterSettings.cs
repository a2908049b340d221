namespace OpenInterpreter.Core.Settings;

/// <summary>The effective settings of one run of the interpreter, after profiles, environment and flags.</summary>
public sealed record InterpreterSettings
{
    public ModelSettings Llm { get; init; } = new();

    /// <summary>Run code without asking.</summary>
    public bool AutoRun { get; init; }

    /// <summary>Show requests, raw chunks and timings (secrets masked).</summary>
    public bool Verbose { get; init; }

    /// <summary>Replaces our system message when set.</summary>
    public string? SystemMessage { get; init; }

    /// <summary>Appended to the system message.</summary>
    public string? CustomInstructions { get; init; }

    /// <summary>Characters of one code output that go back to the model.</summary>
    public int MaxOutput { get; init; } = 2800;

    /// <summary>Stop a run after this long; null when not set, <see cref="TimeSpan.Zero"/> for no limit set on purpose.</summary>
    public TimeSpan? RunTimeout { get; init; }

    /// <summary>Most model requests in one turn (one per round of tool calls) before the turn is stopped.</summary>
    public int MaxTurns { get; init; } = 100;

    /// <summary>No network but the model's own endpoint.</summary>
    public bool Offline { get; init; }

    /// <summary>How code is checked for danger before it runs: <c>off</c>, <c>ask</c> (the default) or <c>auto</c>.</summary>
    public string SafeMode { get; init; } = "ask";

    /// <summary>Where language sessions run: <c>off</c>, <c>read-only</c> or <c>workspace-write</c>; null for the
    /// default (<c>workspace-write</c> under <c>safe_mode: auto</c>, else <c>off</c>).</summary>
    public string? Sandbox { get; init; }

    /// <summary>Whether sandboxed sessions may use the network.</summary>
    public bool SandboxNetwork { get; init; }

    /// <summary>The profile's permission rules (<c>permissions: {allow, ask, deny}</c>).</summary>
    public Safety.PermissionRules Permissions { get; init; } = Safety.PermissionRules.Empty;

    /// <summary>Replace secrets in output by <c>[redacted: KIND]</c> before the model or a saved conversation sees it.</summary>
    public bool RedactSecrets { get; init; } = true;

    /// <summary>The most the conversation may spend, in US dollars; null for no cap.</summary>
    public double? MaxBudget { get; init; }

    /// <summary>The sandbox mode in force, after the default that <c>safe_mode: auto</c> implies.</summary>
    public string EffectiveSandbox => Sandbox ?? (SafeMode == "auto" ? "workspace-write" : "off");

    /// <summary>OS mode: the model sees the screen and drives mouse and keyboard.</summary>
    public bool Os { get; init; }

    /// <summary>The tools offered to the model (<c>interpreter</c>, <c>editor</c>, <c>gui</c>); null for the default set.</summary>
    public IReadOnlyList<string>? Tools { get; init; }

    /// <summary>The MCP servers whose tools are offered to the model as <c>mcp__NAME__TOOL</c> (profile key <c>mcp_servers</c>).</summary>
    public IReadOnlyList<Mcp.McpServerConfig> McpServers { get; init; } = [];


    /// <summary>The languages the model may use (OI's <c>computer.languages</c>); null for every installed one.</summary>
    public IReadOnlyList<string>? Languages { get; init; }

    /// <summary>Loop mode (OI's <c>loop</c>): after each answer the model is sent <see cref="LoopMessage"/> until its reply contains a breaker.</summary>
    public bool Loop { get; init; }

    public string LoopMessage { get; init; } = LoopDefaults.Message;

    public IReadOnlyList<string> LoopBreakers { get; init; } = LoopDefaults.Breakers;

    /// <summary>OI's message templates: how user messages and code output are worded for the model.</summary>
    public MessageTemplates Templates { get; init; } = new();

    /// <summary>OI's <c>llm.execution_instructions</c>: null for ours, empty for none, else the text that replaces ours.</summary>
    public string? ExecutionInstructions { get; init; }

    /// <summary>Messages the conversation starts with (OI's <c>interpreter.messages</c>, e.g. a profile's few-shot examples).</summary>
    public IReadOnlyList<Messages.LmcMessage>? Messages { get; init; }

    /// <summary>Read each answer aloud (<c>say</c>, <c>espeak-ng</c> or <c>spd-say</c>).</summary>
    public bool SpeakMessages { get; init; }

    /// <summary>Mark the line of code now running (off with <c>--no_highlight_active_line</c>).</summary>
    public bool HighlightActiveLine { get; init; } = true;

    /// <summary>Everything verbose shows, and every chunk the loop streams.</summary>
    public bool Debug { get; init; }

    /// <summary>OI's <c>conversation_history</c>: false keeps conversations out of the conversations folder.</summary>
    public bool ConversationHistory { get; init; } = true;

    /// <summary>OI's multi-line input: a line of three backticks also opens and closes a multi-line message.</summary>
    public bool MultiLine { get; init; }
}
