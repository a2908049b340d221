namespace OpenInterpreter.Core.Languages;

/// <summary>A persistent bash: a cd, a variable, a function or an exported variable set in one run is there in the next.</summary>
public sealed class ShellSession : DriverSession
{
    internal static readonly DriverProgram Program = new(
        Runtime: "bash",
        // No profile or rc file: they may print, prompt or wait, and the session must start the same everywhere.
        RuntimeArguments: ["--noprofile", "--norc"],
        DriverResource: "shell_driver.sh",
        CellExtension: ".sh",
        Environment: new Dictionary<string, string>(),
        InstallHint: OperatingSystem.IsMacOS() ? "brew install bash" : "apt install bash");

    /// <summary>Creates a session; its process starts on the first run.</summary>
    public ShellSession(SessionOptions? options = null)
        : base(Info, Program, options)
    {
    }

    /// <summary>Shell (bash): answers to shell, bash, sh and zsh.</summary>
    public static LanguageInfo Info { get; } = new("shell", ["bash", "sh", "zsh"], "sh");
}
