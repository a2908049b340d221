using System.Text.RegularExpressions;

namespace OpenInterpreter.Core.Safety;

/// <summary>
/// One permission rule, Claude Code's form: <c>LANG(PATTERN)</c> for code (<c>shell(git push:*)</c>, <c>python(*)</c>),
/// <c>edit(GLOB)</c> for the file editor, <c>gui(ACTION)</c> for the desktop, <c>*(…)</c> for any of them, and
/// <c>mcp__SERVER__TOOL</c> for one tool of an MCP server or <c>mcp__SERVER</c> for all of its tools. A pattern
/// ending in <c>:*</c> matches what starts with the rest as whole words; <c>*</c> elsewhere matches any text.
/// </summary>
public sealed record PermissionRule(RuleKind Kind, string Target, string Pattern, string Source)
{
    /// <summary>The target of MCP rules; their pattern is <c>SERVER</c> or <c>SERVER__TOOL</c>.</summary>
    public const string Mcp = "mcp";

    private const string McpPrefix = "mcp__";

    /// <summary>The rule as written: <c>shell(git push:*)</c>, <c>mcp__everything__echo</c>.</summary>
    public string Text => Target == Mcp ? McpPrefix + Pattern : $"{Target}({Pattern})";

    /// <summary>Reads <paramref name="text"/>; throws with the place it came from when it is not <c>NAME(PATTERN)</c>.</summary>
    public static PermissionRule Parse(RuleKind kind, string text, string source)
    {
        var trimmed = text.Trim();
        // Claude Code's MCP form has no parentheses: mcp__SERVER__TOOL, or mcp__SERVER for every tool of the server.
        if (trimmed.StartsWith(McpPrefix, StringComparison.OrdinalIgnoreCase) && !trimmed.Contains('('))
        {
            var name = trimmed[McpPrefix.Length..];
            if (name.Length == 0 || name.StartsWith('_') || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '*'))
            {
                throw new Settings.SettingsException(
                    $"{source}: the permission rule '{text}' is not mcp__SERVER or mcp__SERVER__TOOL.",
                    "Write MCP rules like mcp__everything (every tool of the server) or mcp__everything__echo (one tool).");
            }

            return new PermissionRule(kind, Mcp, name, source);
        }

        var open = trimmed.IndexOf('(');
        if (open <= 0 || !trimmed.EndsWith(')'))
        {
            // A bare name is the whole of that language or tool: "python" = python(*).
            if (open < 0 && trimmed.Length > 0 && trimmed.All(c => char.IsLetterOrDigit(c) || c is '*' or '#' or '_'))
            {
                return new PermissionRule(kind, Normalise(trimmed), "*", source);
            }

            throw new Settings.SettingsException(
                $"{source}: the permission rule '{text}' is not NAME(PATTERN).",
                "Write rules like shell(git push:*), python(*), edit(src/**), gui(left_click), mcp__everything__echo.");
        }

        return new PermissionRule(kind, Normalise(trimmed[..open].Trim()), trimmed[(open + 1)..^1].Trim(), source);
    }

    private static string Normalise(string target) => target.ToLowerInvariant() switch
    {
        "bash" or "sh" or "zsh" => "shell",
        "js" or "node" => "javascript",
        "py" or "python3" => "python",
        "pwsh" or "ps1" => "powershell",
        var other => other,
    };

    /// <summary>True when this rule's pattern matches <paramref name="text"/> (one shell command, the code, a path, an action).</summary>
    public bool Matches(string target, string text)
    {
        if (Target != "*" && Target != target)
        {
            return false;
        }

        var subject = text.Trim();
        if (Pattern == "*" || Pattern.Length == 0)
        {
            return true;
        }

        if (Pattern.EndsWith(":*", StringComparison.Ordinal))
        {
            var prefix = Pattern[..^2].Trim();
            return subject == prefix || subject.StartsWith(prefix + " ", StringComparison.Ordinal) || subject.StartsWith(prefix + "\n", StringComparison.Ordinal);
        }

        if (target == Mcp && Target == Mcp)
        {
            // mcp__SERVER covers every tool of that server: the subject is SERVER__TOOL.
            return subject == Pattern || subject.StartsWith(Pattern + "__", StringComparison.Ordinal) || (Pattern.Contains('*') && Glob(Pattern, path: false).IsMatch(subject));
        }

        if (target == "edit")
        {
            return Glob(Pattern, path: true).IsMatch(subject);
        }

        return Glob(Pattern, path: false).IsMatch(subject);
    }

    /// <summary>A glob as a regex: in paths <c>**</c> crosses folders and <c>*</c> does not; elsewhere <c>*</c> is any text.</summary>
    private static Regex Glob(string pattern, bool path)
    {
        var regex = Regex.Escape(pattern).Replace(@"\*\*/", "(?:.*/)?").Replace(@"\*\*", ".*").Replace(@"\*", path ? "[^/]*" : ".*").Replace(@"\?", ".");
        return new Regex($"^{regex}$", RegexOptions.Singleline | RegexOptions.CultureInvariant);
    }

    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} {Text}";
}
