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
    bool ShowVersion);
