namespace OpenInterpreter.Core.Languages;

/// <summary>A persistent R process: objects, functions and attached packages in the global environment live on, and
/// visible values are printed as at the console.</summary>
public sealed class RSession : DriverSession
{
    internal static readonly DriverProgram Program = new(
        Runtime: "Rscript",
        // No site or user profile and no saved workspace: they may print or load state, and the session must start
        // the same everywhere.
        RuntimeArguments: ["--no-init-file", "--no-site-file", "--no-environ", "--no-restore", "--no-save"],
        DriverResource: "r_driver.R",
        CellExtension: null,
        // The host decodes UTF-8 whatever the locale says.
        Environment: new Dictionary<string, string> { ["LC_CTYPE"] = "C.UTF-8" },
        InstallHint: OperatingSystem.IsMacOS() ? "brew install r" : "apt install r-base-core");

    /// <summary>Creates a session; its process starts on the first run.</summary>
    public RSession(SessionOptions? options = null)
        : base(Info, Program, options)
    {
    }

    /// <summary>R: answers to r (in any case).</summary>
    public static LanguageInfo Info { get; } = new("r", [], "r");
}
