namespace OpenInterpreter.Core.Languages;

/// <summary>How to start one language's driver: the runtime to look up on the PATH, its arguments, the embedded
/// driver script (null when the arguments name the driver already), the extension of the file each cell is written to
/// (null when the driver reads its cells from the requests FIFO), extra environment, how to install the runtime, and the
/// command the language needs besides the runtime that runs the driver (javac for Java, whose driver is bash), and the
/// embedded files the driver loads from its own folder.</summary>
internal sealed record DriverProgram(
    string Runtime,
    IReadOnlyList<string> RuntimeArguments,
    string? DriverResource,
    string? CellExtension,
    IReadOnlyDictionary<string, string> Environment,
    string InstallHint,
    string? RequiredCommand = null,
    IReadOnlyList<string>? Companions = null)
{
    /// <summary>The command whose absence makes the language unavailable.</summary>
    public string Prerequisite => RequiredCommand ?? Runtime;
}
