using OpenInterpreter.Core.Settings;

namespace OpenInterpreter.Cli.CommandLine;

/// <summary>What one command line asks for: the effective settings and how to interact.</summary>
internal sealed record Invocation(
    InterpreterSettings Settings,
    string? FirstMessage,
    bool ReadStdin,
    bool Plain,
    bool Local,
    bool ForceFunctions,
    bool ShowVersion)
{
    /// <summary>One line per unknown profile key met while loading the settings.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The profile name given to <c>--save-profile</c>.</summary>
    public string? SaveProfile { get; init; }

    /// <summary>Whether the API key came from this command line (the only way it may be written to a profile).</summary>
    public bool KeyOnCommandLine { get; init; }

    /// <summary>The run time-out a profile or --timeout set, without the --stdin default; what --save_profile keeps.</summary>
    public TimeSpan? TimeoutSetting { get; init; }

    /// <summary>The profile <c>--reset_profile</c> puts back; null when not asked.</summary>
    public string? ResetProfile { get; init; }

    public bool ShowProfiles { get; init; }

    public bool PickConversation { get; init; }

    public bool ContinueLatest { get; init; }

    /// <summary><c>--local_models</c>: print (and open) the models folder, then exit.</summary>
    public bool ShowLocalModels { get; init; }

    /// <summary>Lines to show before starting (what OI-only flags such as --disable_telemetry mean here).</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];
    /// <summary><c>--json</c>: chunks as JSON lines for scripts and CI.</summary>
    public bool Json { get; init; }

    /// <summary><c>--server</c>, and where it listens (<c>--host</c>, <c>--port</c>; null: the environment or the default).</summary>
    public bool Server { get; init; }

    public string? Host { get; init; }

    public int? Port { get; init; }

    /// <summary><c>--mcp</c>: our tools served over MCP on stdio.</summary>
    public bool Mcp { get; init; }
}
