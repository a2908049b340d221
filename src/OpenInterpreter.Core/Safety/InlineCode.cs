namespace OpenInterpreter.Core.Safety;

/// <summary>
/// Code a shell command hands to an interpreter on its command line — <c>bash -c</c>, <c>eval</c>, <c>iex</c>,
/// <c>python3 -c</c>, <c>node -e</c>, <c>ruby -e</c>, <c>perl -e</c> — in its language, with how the command named it
/// (for reasons: "…, inside python3 -c") and whether it runs in the same shell (<c>eval</c>: its <c>cd</c> moves the caller).
/// </summary>
internal sealed record InlineCode(string Language, string Code, string Label, bool SameShell)
{
    private static readonly HashSet<string> Shells = new(StringComparer.Ordinal) { "sh", "bash", "zsh", "dash", "ksh", "fish", "su" };

    /// <summary>The code <paramref name="words"/> (a command without its <c>sudo</c>/<c>env</c> prefix) hands on; null when none.</summary>
    public static InlineCode? Of(IReadOnlyList<string> words)
    {
        if (words.Count < 2)
        {
            return null;
        }

        var name = Path.GetFileName(words[0]);
        var lower = name.ToLowerInvariant();
        var args = words.Skip(1).ToList();
        if (lower is "eval" or "iex" or "invoke-expression")
        {
            return new(lower == "eval" ? "shell" : "powershell", string.Join(' ', args), name, SameShell: true);
        }

        if (Shells.Contains(lower))
        {
            // bash -c code, bash -lc code, su user -c code.
            var index = args.FindIndex(a => a.Length > 1 && a[0] == '-' && a[^1] == 'c' && a[1..].All(char.IsAsciiLetterLower));
            return index >= 0 && index + 1 < args.Count ? new("shell", args[index + 1], $"{name} {args[index]}", SameShell: false) : null;
        }

        if (lower is "pwsh" or "powershell" or "pwsh.exe" or "powershell.exe")
        {
            var index = args.FindIndex(a => a.Equals("-c", StringComparison.OrdinalIgnoreCase) || a.Equals("-Command", StringComparison.OrdinalIgnoreCase));
            return index >= 0 && index + 1 < args.Count ? new("powershell", args[index + 1], $"{name} {args[index]}", SameShell: false) : null;
        }

        var (language, flags) = lower switch
        {
            _ when lower.StartsWith("python", StringComparison.Ordinal) || lower is "pypy" or "pypy3" => ("python", "c"),
            "node" or "nodejs" => ("javascript", "e"),
            "ruby" => ("ruby", "e"),
            "perl" => ("perl", "e"),
            _ => ("", ""),
        };
        return language.Length == 0 ? null : Inline(name, language, flags[0], args);
    }

    /// <summary>The code after the interpreter's <c>-c</c>/<c>-e</c> (several <c>-e</c> are lines of one program), read up to its first operand.</summary>
    private static InlineCode? Inline(string name, string language, char flag, List<string> args)
    {
        var lines = new List<string>();
        string? shown = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith('-') || arg == "-" || arg == "--")
            {
                // The script file (or stdin): what follows is its arguments, not code.
                break;
            }

            // node --eval / --print take the code; combined short flags end with it: perl -lne, ruby -pe.
            var takesCode = (language == "javascript" && arg is "--eval" or "--print" or "-p")
                || (!arg.StartsWith("--", StringComparison.Ordinal) && arg[^1] == flag && arg[1..].All(char.IsAsciiLetter))
                || (language == "perl" && arg.Length > 1 && !arg.StartsWith("--", StringComparison.Ordinal) && arg[^1] == 'E' && arg[1..].All(char.IsAsciiLetter));
            if (takesCode && i + 1 < args.Count)
            {
                shown ??= arg;
                lines.Add(args[++i]);
                if (language is "python" or "javascript")
                {
                    break;
                }
            }
            else if (arg is "-m" && language == "python")
            {
                break;
            }
            else if (arg is "-W" or "-X" or "-r" or "--require" or "-I")
            {
                i++; // an option's value
            }
        }

        return lines.Count == 0 ? null : new(language, string.Join('\n', lines), $"{name} {shown}", SameShell: false);
    }
}
