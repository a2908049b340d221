namespace OpenInterpreter.Core.Languages;

/// <summary>AppleScript through osascript, each snippet on its own; macOS only.</summary>
public sealed class AppleScriptSession : DriverSession
{
    internal static readonly DriverProgram Program = new(
        Runtime: "bash",
        RuntimeArguments: ["--noprofile", "--norc"],
        DriverResource: "snippet_driver.sh",
        CellExtension: ".applescript",
        Environment: new Dictionary<string, string> { ["OI_SNIPPET_LANGUAGE"] = "applescript" },
        InstallHint: "osascript comes with macOS",
        RequiredCommand: "osascript");

    /// <summary>Creates a session; its driver starts on the first run.</summary>
    public AppleScriptSession(SessionOptions? options = null)
        : base(Info, Program, options)
    {
    }

    /// <summary>AppleScript: answers to applescript.</summary>
    public static LanguageInfo Info { get; } = new("applescript", [], "applescript");
}
