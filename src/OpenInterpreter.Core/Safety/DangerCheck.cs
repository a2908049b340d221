namespace OpenInterpreter.Core.Safety;

/// <summary>
/// Reads code before it runs and reports what could do harm (SPEC section 7): shell code is parsed into commands,
/// the other languages' delete, overwrite, spawn and upload calls are recognised. No external scanner is involved.
/// </summary>
public sealed class DangerCheck(string workingDirectory, string homeDirectory)
{
    private readonly PathClassifier _paths = new(workingDirectory, homeDirectory);

    // The shell sessions are stateful: a cd in one run moves where the next run's relative paths lie.
    private readonly Dictionary<string, PathClassifier> _shellFolders = new(StringComparer.Ordinal);

    /// <summary>A check for the current folder and the user's home.</summary>
    public static DangerCheck ForCurrentUser() =>
        new(Environment.CurrentDirectory, Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>The findings for <paramref name="code"/> in <paramref name="language"/> (a canonical language name), high ones first.</summary>
    public IReadOnlyList<DangerFinding> Check(string language, string code)
    {
        var findings = new List<DangerFinding>();
        var isShell = language is "shell" or "powershell";
        var shell = new ShellRules(isShell ? Folder(language) : _paths, findings);
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

        if (isShell)
        {
            lock (_shellFolders)
            {
                // Code that was refused moves it too: a wrong folder errs toward more findings, never fewer.
                _shellFolders[language] = shell.Paths;
            }
        }

        return [.. findings.OrderByDescending(f => f.Severity)];
    }

    private PathClassifier Folder(string language)
    {
        lock (_shellFolders)
        {
            return _shellFolders.GetValueOrDefault(language, _paths);
        }
    }
}
