namespace OpenInterpreter.Core.Safety;

/// <summary>
/// The permission rules in force: the profile's <c>permissions: {allow, ask, deny}</c> and the allow rules added for
/// this session by answering <c>a</c>. Deny beats ask beats allow; a shell list or pipeline is decided command by
/// command, so <c>ls &amp;&amp; rm -rf x</c> is not allowed by <c>shell(ls:*)</c>.
/// </summary>
public sealed record PermissionRules(IReadOnlyList<PermissionRule> Rules)
{
    /// <summary>No rules.</summary>
    public static readonly PermissionRules Empty = new([]);

    /// <summary>These rules with the <paramref name="kind"/> ones replaced by <paramref name="texts"/> (a profile's list).</summary>
    public PermissionRules With(RuleKind kind, IEnumerable<string> texts, string source) =>
        new([.. Rules.Where(r => r.Kind != kind), .. texts.Select(t => PermissionRule.Parse(kind, t, source))]);

    /// <summary>The rules of one kind as written, for a saved profile; null when there are none.</summary>
    public IReadOnlyList<string>? Written(RuleKind kind) =>
        Rules.Where(r => r.Kind == kind && r.Source != SessionSource).Select(r => r.Text).ToList() is { Count: > 0 } list ? list : null;

    /// <summary>Where rules added by answering <c>a</c> come from.</summary>
    public const string SessionSource = "this session";

    /// <summary>What the rules say about running <paramref name="code"/> in <paramref name="language"/>; null when no rule speaks.</summary>
    public PermissionRule? Decide(string language, string code)
    {
        if (Rules.Count == 0)
        {
            return null;
        }

        IReadOnlyList<string> subjects = language is "shell" or "powershell"
            ? [.. ShellParser.Parse(code, language == "powershell").Where(c => c.Words.Count > 0).Select(c => c.Text)]
            : [code];
        if (subjects.Count == 0)
        {
            subjects = [code];
        }

        // Deny and ask when any command matches, also without its sudo or env prefix; allow only when every command does.
        IReadOnlyList<string> strict = language is "shell" or "powershell"
            ? [.. subjects, .. ShellParser.Parse(code, language == "powershell").Select(c => string.Join(' ', ShellRules.Unwrap(c.Words))).Where(t => t.Length > 0)]
            : subjects;
        var deny = strict.Select(s => Find(RuleKind.Deny, language, s)).FirstOrDefault(r => r is not null);
        if (deny is not null)
        {
            return deny;
        }

        var ask = strict.Select(s => Find(RuleKind.Ask, language, s)).FirstOrDefault(r => r is not null);
        if (ask is not null)
        {
            return ask;
        }

        var allows = subjects.Select(s => Find(RuleKind.Allow, language, s)).ToList();
        return allows.All(r => r is not null) ? allows[0] : null;
    }

    /// <summary>What the rules say about a tool action whose scope is <c>edit:/path</c>, <c>read:/path</c> or <c>gui:action</c>.</summary>
    public PermissionRule? DecideAction(string scope, string workingDirectory)
    {
        var colon = scope.IndexOf(':');
        if (colon < 0 || Rules.Count == 0)
        {
            return null;
        }

        var target = scope[..colon] is "read" ? "edit" : scope[..colon];
        var subject = scope[(colon + 1)..];
        string[] subjects = target == "edit" ? [subject, Path.GetRelativePath(workingDirectory, subject)] : [subject];
        foreach (var kind in (RuleKind[])[RuleKind.Deny, RuleKind.Ask, RuleKind.Allow])
        {
            if (subjects.Select(s => Find(kind, target, s)).FirstOrDefault(r => r is not null) is { } rule)
            {
                return rule;
            }
        }

        return null;
    }

    /// <summary>These rules and an allow rule for each command of <paramref name="code"/> (answering <c>a</c>).</summary>
    public PermissionRules AllowForSession(string language, string code)
    {
        var patterns = language is "shell" or "powershell"
            ? ShellParser.Parse(code, language == "powershell").Where(c => c.Words.Count > 0).Select(c => CommandPrefix(c) + ":*").Distinct().ToList()
            : [code.Trim()];
        return new([.. Rules, .. patterns.Select(p => new PermissionRule(RuleKind.Allow, language, p, SessionSource))]);
    }

    /// <summary>
    /// These rules and an allow rule for the tool action's <paramref name="scope"/> (answering <c>a</c>):
    /// <c>mcp:SERVER__TOOL</c> gives <c>mcp__SERVER__TOOL</c>, <c>edit:/path</c> gives <c>edit(/path)</c>,
    /// <c>gui:ACTION</c> gives <c>gui(ACTION)</c>; other scopes (a read outside the folder) have no rule form, so none is added.
    /// </summary>
    public PermissionRules AllowActionForSession(string scope)
    {
        var colon = scope.IndexOf(':');
        var target = colon < 0 ? "" : scope[..colon];
        if (target is not (PermissionRule.Mcp or "edit" or "gui") || scope.Length == colon + 1)
        {
            return this;
        }

        var rule = new PermissionRule(RuleKind.Allow, target, scope[(colon + 1)..], SessionSource);
        return Rules.Contains(rule) ? this : new([.. Rules, rule]);
    }

    /// <summary>A command's name and, for tools with subcommands (<c>git status</c>), the subcommand.</summary>
    private static string CommandPrefix(ShellCommand command) =>
        command.Words.Count > 1 && !command.Words[1].StartsWith('-') && command.Name is "git" or "npm" or "docker" or "cargo" or "go" or "kubectl" or "pip" or "apt" or "dotnet"
            ? $"{command.Name} {command.Words[1]}"
            : command.Name;

    private PermissionRule? Find(RuleKind kind, string target, string subject) =>
        Rules.FirstOrDefault(r => r.Kind == kind && r.Matches(target, subject));
}
