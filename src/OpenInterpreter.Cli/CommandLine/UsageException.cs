using OpenInterpreter.Core;

namespace OpenInterpreter.Cli.CommandLine;

/// <summary>A bad command line or setting: reported with the usage line, exit code 2.</summary>
internal sealed class UsageException(string message, string? hint = null) : InterpreterException(message, hint)
{
    /// <summary>False for a bad value of an option: its one line says all, the usage line would only add noise.</summary>
    public bool ShowUsage { get; init; } = true;
}
