namespace OpenInterpreter.Core.Safety;

/// <summary>
/// Reads code before it runs and reports what could do harm (SPEC section 7): shell code is parsed into commands,
/// the other languages' delete, overwrite, spawn and upload calls are recognised. No external scanner is involved.
/// </summary>
public sealed class DangerCheck(string workingDirectory, string homeDirectory)
{
    private readonly PathClassifier _paths = new(workingDirectory, homeDirectory);

    // The sessions are stateful: a cd (os.chdir, process.chdir, …) in one run moves where the next run's relative paths lie.
    private readonly Dictionary<string, PathClassifier> _folders = new(StringComparer.Ordinal);

    /// <summary>A check for the current folder and the user's home.</summary>
    public static DangerCheck ForCurrentUser() =>
        new(Environment.CurrentDirectory, Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>The findings for <paramref name="code"/> in <paramref name="language"/> (a canonical language name), high ones first.</summary>
    public IReadOnlyList<DangerFinding> Check(string language, string code)
    {
        var findings = new List<DangerFinding>();
        var folder = Folder(language);
        PathClassifier after;
        switch (language)
        {
            case "shell" or "powershell":
                var shell = new ShellRules(folder, findings);
                shell.CheckCode(code, powerShell: language == "powershell");
                after = shell.Paths;
                break;
            default:
                var script = new ScriptRules(folder, findings);
                script.Check(code, language);
                after = script.Paths;
                break;
        }

        lock (_folders)
        {
            // Code that was refused moves it too: a wrong folder errs toward more findings, never fewer.
            _folders[language] = after;
        }

        return [.. findings.OrderByDescending(f => f.Severity)];
    }

    private PathClassifier Folder(string language)
    {
        lock (_folders)
        {
            return _folders.GetValueOrDefault(language, _paths);
        }
    }
}
