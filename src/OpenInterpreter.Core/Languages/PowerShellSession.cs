namespace OpenInterpreter.Core.Languages;

/// <summary>A persistent pwsh: variables, functions and the location set in one run are there in the next.</summary>
/// <remarks>PowerShell ends a script on Ctrl-C, so an interrupted run restarts the session and says state was lost.</remarks>
public sealed class PowerShellSession : DriverSession
{
    internal static readonly DriverProgram Program = new(
        Runtime: "pwsh",
        // No profile (it may print or prompt), and no prompts for missing parameters or confirmations.
        RuntimeArguments: ["-NoLogo", "-NoProfile", "-NonInteractive", "-File"],
        DriverResource: "powershell_driver.ps1",
        CellExtension: ".ps1",
        Environment: new Dictionary<string, string> { ["POWERSHELL_TELEMETRY_OPTOUT"] = "1", ["NO_COLOR"] = "1" },
        InstallHint: OperatingSystem.IsMacOS() ? "brew install powershell" : "dotnet tool install --global PowerShell");

    /// <summary>Creates a session; its process starts on the first run.</summary>
    public PowerShellSession(SessionOptions? options = null)
        : base(Info, Program, options)
    {
    }

    /// <summary>PowerShell: answers to powershell and pwsh.</summary>
    public static LanguageInfo Info { get; } = new("powershell", ["pwsh", "ps1"], "ps1");
}
