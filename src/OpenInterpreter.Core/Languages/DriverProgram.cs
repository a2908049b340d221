namespace OpenInterpreter.Core.Languages;

/// <summary>How to start one language's driver: the runtime to look up on the PATH, its arguments, the embedded
/// driver script, the extension cells are written with, extra environment, and how to install the runtime.</summary>
internal sealed record DriverProgram(
    string Runtime,
    IReadOnlyList<string> RuntimeArguments,
    string DriverResource,
    string CellExtension,
    IReadOnlyDictionary<string, string> Environment,
    string InstallHint);
