using OpenInterpreter.Core;

namespace OpenInterpreter.Cli.CommandLine;

/// <summary>A bad command line or setting: reported with the usage line, exit code 2.</summary>
internal sealed class UsageException(string message, string? hint = null) : InterpreterException(message, hint);
