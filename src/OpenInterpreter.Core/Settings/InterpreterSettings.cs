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

    /// <summary>No network but the model's own endpoint.</summary>
    public bool Offline { get; init; }

    /// <summary>How code is checked for danger before it runs: <c>off</c>, <c>ask</c> or <c>auto</c>.</summary>
    public string SafeMode { get; init; } = "off";

    /// <summary>OS mode: the model sees the screen and drives mouse and keyboard.</summary>
    public bool Os { get; init; }

    /// <summary>The tools offered to the model (<c>interpreter</c>, <c>editor</c>, <c>gui</c>); null for the default set.</summary>
    public IReadOnlyList<string>? Tools { get; init; }

    /// <summary>The MCP servers whose tools are offered to the model as <c>mcp__NAME__TOOL</c> (profile key <c>mcp_servers</c>).</summary>
    public IReadOnlyList<Mcp.McpServerConfig> McpServers { get; init; } = [];

    /// <summary>Most model requests one message may lead to (<c>max_turns</c>); null for no limit.</summary>
    public int? MaxTurns { get; init; }

    /// <summary>The languages the model may use (OI's <c>computer.languages</c>); null for every installed one.</summary>
    public IReadOnlyList<string>? Languages { get; init; }
}
