namespace OpenInterpreter.Core.Languages;

/// <summary>Java, as Open Interpreter runs it: each snippet is compiled and run on its own, so nothing carries over
/// between runs; a snippet without a class of its own becomes the body of <c>Main.main</c>.</summary>
public sealed class JavaSession : DriverSession
{
    internal static readonly DriverProgram Program = new(
        Runtime: "bash",
        RuntimeArguments: ["--noprofile", "--norc"],
        DriverResource: "snippet_driver.sh",
        CellExtension: ".java",
        Environment: new Dictionary<string, string> { ["OI_SNIPPET_LANGUAGE"] = "java" },
        InstallHint: OperatingSystem.IsMacOS() ? "brew install openjdk" : "apt install default-jdk-headless",
        RequiredCommand: "javac");

    /// <summary>Creates a session; its driver starts on the first run.</summary>
    public JavaSession(SessionOptions? options = null)
        : base(Info, Program, options)
    {
    }

    /// <summary>Java: answers to java.</summary>
    public static LanguageInfo Info { get; } = new("java", [], "java");

    private protected override string PrepareCell(string code) => JavaSource.Wrap(code);
}
