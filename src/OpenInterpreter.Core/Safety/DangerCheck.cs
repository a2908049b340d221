namespace OpenInterpreter.Core.Safety;

/// <summary>
/// Reads code before it runs and reports what could do harm (SPEC section 7): shell code is parsed into commands,
/// the other languages' delete, overwrite, spawn and upload calls are recognised. No external scanner is involved.
/// </summary>
public sealed class DangerCheck(string workingDirectory, string homeDirectory)
{
    private readonly PathClassifier _paths = new(workingDirectory, homeDirectory);

    /// <summary>A check for the current folder and the user's home.</summary>
    public static DangerCheck ForCurrentUser() =>
        new(Environment.CurrentDirectory, Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>The findings for <paramref name="code"/> in <paramref name="language"/> (a canonical language name), high ones first.</summary>
    public IReadOnlyList<DangerFinding> Check(string language, string code)
    {
        var findings = new List<DangerFinding>();
        var shell = new ShellRules(_paths, findings);
        switch (language)
        {
            case "shell":
                shell.CheckCode(code, powerShell: false);
                break;
            case "powershell":
                shell.CheckCode(code, powerShell: true);
                break;
            default:
                new ScriptRules(_paths, findings, shell).Check(code, language);
                break;
        }

        return [.. findings.OrderByDescending(f => f.Severity)];
    }
}
