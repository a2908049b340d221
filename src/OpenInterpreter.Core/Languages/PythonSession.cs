namespace OpenInterpreter.Core.Languages;

/// <summary>A persistent python3 process: variables, imports and definitions live on, and a final bare expression's repr is shown.</summary>
public sealed class PythonSession : DriverSession
{
    internal static readonly DriverProgram Program = new(
        Runtime: "python3",
        RuntimeArguments: [],
        DriverResource: "python_driver.py",
        CellExtension: null,
        // The host decodes UTF-8 whatever the locale says.
        // The host decodes UTF-8 whatever the locale says.
        Environment: new Dictionary<string, string> { ["PYTHONIOENCODING"] = "utf-8" },
        InstallHint: OperatingSystem.IsMacOS() ? "brew install python" : "apt install python3");

    /// <summary>Creates a session; its process starts on the first run.</summary>
    public PythonSession(SessionOptions? options = null)
        : base(Info, Program, options)
    {
    }

    /// <summary>Python: answers to python, py and python3.</summary>
    public static LanguageInfo Info { get; } = new("python", ["py", "python3"], "py");
}
