namespace OpenInterpreter.Core.Languages;

/// <summary>A persistent node process: top-level let, const, class and function declarations live on, and the last expression's value is shown.</summary>
public sealed class JavaScriptSession : DriverSession
{
    internal static readonly DriverProgram Program = new(
        Runtime: "node",
        RuntimeArguments: [],
        DriverResource: "node_driver.js",
        CellExtension: null,
        Environment: new Dictionary<string, string>(),
        InstallHint: OperatingSystem.IsMacOS() ? "brew install node" : "apt install nodejs",
        Companions: ["node_cell_scope.js"]);

    /// <summary>Creates a session; its process starts on the first run.</summary>
    public JavaScriptSession(SessionOptions? options = null)
        : base(Info, Program, options)
    {
    }

    /// <summary>JavaScript (node): answers to javascript, js and node.</summary>
    public static LanguageInfo Info { get; } = new("javascript", ["js", "node"], "js");
}
