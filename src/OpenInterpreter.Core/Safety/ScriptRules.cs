using System.Text;
using System.Text.RegularExpressions;

namespace OpenInterpreter.Core.Safety;

/// <summary>
/// The danger rules for Python, JavaScript, Ruby and R: the calls that delete (<c>shutil.rmtree</c>, <c>fs.rmSync</c>,
/// <c>FileUtils.rm_rf</c>, <c>unlink</c>), overwrite files, run shell commands (<c>os.system</c>,
/// <c>subprocess.run</c>, <c>child_process.exec</c>, <c>system</c>, whose command is checked as shell code), send
/// data over the network, or fork without end. Calls are found in code with comments and strings taken out.
/// </summary>
internal sealed partial class ScriptRules(PathClassifier paths, List<DangerFinding> findings, ShellRules shell)
{
    private enum Kind
    {
        DeleteTree,
        DeleteTreeIfRecursive,
        DeleteFile,
        Write,
        Shell,
        Network,
    }

    private sealed record Rule(Regex Call, Kind Kind);

    private static readonly Dictionary<string, Rule[]> Rules = new(StringComparer.Ordinal)
    {
        ["python"] =
        [
            new(Call(@"(?:shutil\.)?rmtree"), Kind.DeleteTree),
            new(Call(@"os\.(?:remove|unlink|rmdir|removedirs)"), Kind.DeleteFile),
            new(Call(@"open"), Kind.Write),
            new(Call(@"os\.(?:system|popen)|subprocess\.(?:run|call|check_call|check_output|Popen|getoutput|getstatusoutput)|pty\.spawn|os\.exec[lv]p?e?"), Kind.Shell),
            new(Call(@"(?:requests|httpx|session|client)\.(?:post|put|patch)|smtplib\.SMTP\w*|ftplib\.FTP|paramiko\.SSHClient"), Kind.Network),
        ],
        ["javascript"] =
        [
            new(Call(@"(?:fs|fsp|fs\.promises|fse)\.(?:rmSync|rm|rmdirSync|rmdir)|(?<!\.)\brm(?:Sync)?"), Kind.DeleteTreeIfRecursive),
            new(Call(@"rimraf(?:\.sync)?|(?:fse|fs)\.(?:removeSync|remove|emptyDirSync|emptyDir)"), Kind.DeleteTree),
            new(Call(@"(?:fs|fsp|fs\.promises)\.(?:unlinkSync|unlink)|(?<!\.)\bunlink(?:Sync)?"), Kind.DeleteFile),
            new(Call(@"(?:fs|fsp|fs\.promises)\.(?:writeFileSync|writeFile|appendFileSync|appendFile|createWriteStream)|(?<!\.)\b(?:writeFileSync|appendFileSync)"), Kind.Write),
            new(Call(@"(?:child_process\.|cp\.|\)\.)?(?:exec|execSync|spawn|spawnSync|execFile|execFileSync)"), Kind.Shell),
            new(Call(@"(?:https?|net|tls)\.(?:request|connect|createConnection)|axios\.(?:post|put|patch)|new\s+WebSocket"), Kind.Network),
        ],
        ["ruby"] =
        [
            new(Call(@"FileUtils\.(?:rm_rf|rm_r|remove_dir|remove_entry|remove_entry_secure|rmtree)", parens: false), Kind.DeleteTree),
            new(Call(@"FileUtils\.(?:rm|rm_f|remove)|File\.(?:delete|unlink)|Dir\.(?:rmdir|delete|unlink)", parens: false), Kind.DeleteFile),
            new(Call(@"File\.(?:write|open)|IO\.write", parens: false), Kind.Write),
            new(Call(@"(?:Kernel\.)?(?<![\.\w])(?:system|exec|spawn)|IO\.popen|Open3\.\w+", parens: false), Kind.Shell),
            new(Call(@"Net::HTTP\.(?:post|post_form|start)|TCPSocket\.(?:new|open)|Net::SMTP", parens: false), Kind.Network),
        ],
        ["r"] =
        [
            new(Call(@"unlink|fs::dir_delete|dir_delete"), Kind.DeleteTreeIfRecursive),
            new(Call(@"file\.remove|fs::file_delete"), Kind.DeleteFile),
            new(Call(@"writeLines|cat|write|sink|file\.create|saveRDS|write\.csv"), Kind.Write),
            new(Call(@"system2?|shell"), Kind.Shell),
            new(Call(@"(?:httr::)?(?:POST|PUT|PATCH)|socketConnection|curl::curl_upload"), Kind.Network),
        ],
    };

    // Expressions that stand for the home folder in each language.
    [GeneratedRegex(@"Path\.home\(\)|os\.environ(?:\.get)?\s*[\[(]\s*\u0001\d+\u0002\s*[\])]|os\.getenv\(\s*\u0001\d+\u0002\s*\)|(?:require\(\s*\u0001\d+\u0002\s*\)|\b\w+)?\.homedir\(\)|process\.env\.(?:HOME|USERPROFILE)|process\.env\[\s*\u0001\d+\u0002\s*\]|Dir\.home|ENV\[\s*\u0001\d+\u0002\s*\]|Sys\.getenv\(\s*\u0001\d+\u0002\s*\)")]
    private static partial Regex HomeExpression();

    [GeneratedRegex(@"(?:^|\n)\s*(?:const\s+|let\s+|var\s+)?(?<name>[A-Za-z_]\w*)\s*(?:=|<-)(?!=)\s*(?<value>[^\n;]+)")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"(?:while\s*\(?\s*(?:True|true|1|TRUE)\s*\)?|loop\s*(?:do|\{)|for\s*\(\s*;\s*;\s*\)|repeat\s*\{)[\s\S]*\b(?:os\.fork|fork|process\.fork|child_process\.fork)\s*\(?")]
    private static partial Regex ForkLoop();

    [GeneratedRegex(@"recursive\s*(?::|=)\s*(?:true|TRUE|T\b)|force\s*(?::|=)\s*(?:true|TRUE)")]
    private static partial Regex RecursiveOption();

    [GeneratedRegex(@"shell\s*(?:=|:)\s*(?:True|true)")]
    private static partial Regex ShellOption();

    private static Regex Call(string names, bool parens = true) =>
        new($@"(?<![\w.])(?:{names})\s*{(parens ? @"\(" : @"(?:\(|[ \t]+(?=[\u0001\[%\w]))")}", RegexOptions.CultureInvariant);

    /// <summary>Checks <paramref name="code"/> written in <paramref name="language"/> (python, javascript, ruby or r).</summary>
    public void Check(string code, string language)
    {
        if (!Rules.TryGetValue(language, out var rules))
        {
            return;
        }

        var source = SourceText.Read(code, language);
        var variables = Variables(source);
        foreach (var literal in source.Literals.Where(paths.IsCredential).Distinct())
        {
            Add(Severity.Medium, $"reads credentials ({literal})");
        }

        foreach (var command in source.Commands)
        {
            shell.CheckCode(command, powerShell: false, depth: 1);
        }

        if (ForkLoop().IsMatch(source.Masked) && source.Masked.Contains("fork", StringComparison.Ordinal))
        {
            Add(Severity.High, "a fork bomb: forks new processes in an endless loop");
        }

        foreach (var rule in rules)
        {
            foreach (Match match in rule.Call.Matches(source.Masked))
            {
                var arguments = Arguments(source.Masked, match.Index + match.Length);
                Apply(rule.Kind, match.Value.TrimStart(')', '.').TrimEnd('(', ' ', '\t'), arguments, source, variables);
            }
        }

        // Path("~/x").unlink(), Path.home().rmdir(): the receiver is the path.
        if (language == "python")
        {
            foreach (Match match in PythonPathMethod().Matches(source.Masked))
            {
                var path = PathOf(match.Groups["receiver"].Value, source, variables);
                var kind = match.Groups["method"].Value is "unlink" or "rmdir" ? Kind.DeleteFile : Kind.Write;
                Target(kind, path, $"Path(…).{match.Groups["method"].Value}()", recursive: false);
            }
        }
    }

    [GeneratedRegex(@"Path\((?<receiver>[^()]*(?:\([^()]*\))?[^()]*)\)(?:\.expanduser\(\))?\.(?<method>unlink|rmdir|write_text|write_bytes)\(")]
    private static partial Regex PythonPathMethod();

    private void Apply(Kind kind, string call, IReadOnlyList<string> arguments, SourceText source, Dictionary<string, string> variables)
    {
        var first = arguments.Count > 0 ? arguments[0] : "";
        var all = string.Join(',', arguments);
        switch (kind)
        {
            case Kind.DeleteTree:
                Target(kind, PathOf(first, source, variables), call, recursive: true);
                break;
            case Kind.DeleteTreeIfRecursive:
                Target(kind, PathOf(first, source, variables), call, recursive: RecursiveOption().IsMatch(all));
                break;
            case Kind.DeleteFile:
                Target(kind, PathOf(first, source, variables), call, recursive: false);
                break;
            case Kind.Write:
                // open(path) reads; open(path, "w") / File.open(path, "a") writes. The R writers name the file in con= / file=.
                var named = arguments.FirstOrDefault(a => Regex.IsMatch(a, @"^\s*(?:file|con|path)\s*=")) is { } n ? n[(n.IndexOf('=') + 1)..] : null;
                var mode = call is "open" or "File.open" ? (arguments.Count > 1 ? source.LiteralOf(arguments[1]) ?? "" : "r") : "w";
                if (mode.IndexOfAny(['w', 'a', 'x', '+']) >= 0)
                {
                    Target(kind, PathOf(named ?? (call is "cat" or "writeLines" or "write" ? arguments.LastOrDefault() ?? "" : first), source, variables), call, recursive: false);
                }

                break;
            case Kind.Shell:
                CheckCommand(call, arguments, source);
                break;
            case Kind.Network:
                Add(Severity.Medium, $"sends data over the network ({call})");
                break;
        }
    }

    private void CheckCommand(string call, IReadOnlyList<string> arguments, SourceText source)
    {
        if (arguments.Count == 0)
        {
            return;
        }

        var literal = source.LiteralOf(arguments[0]);
        var list = ListOf(arguments[0], source) ?? (arguments.Count > 1 ? ListOf(arguments[1], source) : null);
        var rest = arguments.Skip(1).Select(source.LiteralOf).ToList();
        if (list is not null && literal is null)
        {
            // subprocess.run(["rm", "-rf", path]): the words are the command.
            shell.CheckWords(list);
        }
        else if (literal is not null && (list is not null || (rest.Count > 0 && rest.All(r => r is not null) && !call.StartsWith("os.", StringComparison.Ordinal))))
        {
            // spawn("rm", ["-rf", "~"]), system("rm", "-rf", "~"), system2("rm", c("-rf", "~")).
            shell.CheckWords([literal, .. list ?? rest.Select(r => r!)]);
        }
        else if (literal is not null)
        {
            shell.CheckCode(literal, powerShell: false, depth: 1);
        }
        else if (ShellOption().IsMatch(string.Join(',', arguments)) || call is "os.system" or "os.popen" or "system" or "exec" or "execSync" or "shell")
        {
            Add(Severity.Medium, $"runs a shell command built at run time ({call})");
        }
    }

    /// <summary>The literals of a list literal (<c>["rm", "-rf", "x"]</c>, <c>c("-rf", "x")</c>, <c>%w[rm -rf x]</c>); null when it is not one.</summary>
    private static List<string>? ListOf(string expression, SourceText source)
    {
        var text = expression.Trim();
        if (text.StartsWith("c(", StringComparison.Ordinal))
        {
            text = "[" + text[2..^1] + "]";
        }

        if (text.Length < 2 || text[0] != '[' || text[^1] != ']')
        {
            return null;
        }

        var items = Split(text[1..^1]);
        var values = items.Select(i => source.LiteralOf(i) ?? (i.Trim().Length > 0 ? "$" + i.Trim() : null)).Where(v => v is not null).Select(v => v!).ToList();
        return values.Count > 0 ? values : null;
    }

    private void Target(Kind kind, string? path, string call, bool recursive)
    {
        // rmtree(some_variable): not known before the run; the question shows the code.
        if (path is null)
        {
            return;
        }

        var place = paths.Classify(path);
        if (kind == Kind.Write)
        {
            if (paths.IsProtected(path))
            {
                Add(Severity.High, $"overwrites {path}, which every new shell or login reads ({call})");
            }
            else if (place is PathPlace.System or PathPlace.Root)
            {
                Add(Severity.High, $"writes into {path}, a system folder ({call})");
            }

            return;
        }

        var what = $"{call}({path})";
        switch (place)
        {
            case PathPlace.Root or PathPlace.Home or PathPlace.System:
                Add(Severity.High, $"deletes {PathClassifier.Describe(place, path)} ({what})");
                break;
            case PathPlace.InHome or PathPlace.Outside when recursive || paths.IsProtected(path):
                Add(Severity.High, $"deletes {PathClassifier.Describe(place, path)} ({what})");
                break;
            case PathPlace.InHome or PathPlace.Outside:
                Add(Severity.Medium, $"deletes {path}, outside the working folder ({what})");
                break;
        }
    }

    /// <summary>The path an expression stands for: a literal, the home folder, joins of them, a variable set to one; null when unknown.</summary>
    private static string? PathOf(string expression, SourceText source, Dictionary<string, string> variables, int depth = 0)
    {
        var text = expression.Trim();
        if (text.Length == 0 || depth > 3)
        {
            return null;
        }

        if (variables.TryGetValue(text, out var assigned))
        {
            return PathOf(assigned, source, variables, depth + 1);
        }

        var home = HomeExpression().Match(text);
        var rest = home.Success ? text.Remove(home.Index, home.Length) : text;
        var parts = new List<string>();
        foreach (Match marker in Regex.Matches(rest, @"\u0001\d+\u0002|\b[A-Za-z_]\w*\b"))
        {
            if (source.LiteralOf(marker.Value) is { } literal)
            {
                parts.Add(literal);
            }
            else if (variables.TryGetValue(marker.Value, out var value) && PathOf(value, source, variables, depth + 1) is { } inner)
            {
                parts.Add(inner);
            }
        }

        if (!home.Success && parts.Count == 0)
        {
            return null;
        }

        var path = new StringBuilder(home.Success ? "~" : "");
        foreach (var part in parts)
        {
            if (part.StartsWith('~') || path.Length == 0)
            {
                path.Clear().Append(part);
            }
            else
            {
                path.Append(path[^1] == '/' || part.StartsWith('/') ? "" : "/").Append(part);
            }
        }

        return path.ToString();
    }

    private static Dictionary<string, string> Variables(SourceText source)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in Assignment().Matches(source.Masked))
        {
            variables[match.Groups["name"].Value] = match.Groups["value"].Value.Trim();
        }

        return variables;
    }

    /// <summary>The top-level arguments of the call whose parenthesis (or first argument) starts at <paramref name="start"/>.</summary>
    private static List<string> Arguments(string text, int start)
    {
        var depth = 0;
        var end = start;
        while (end < text.Length)
        {
            var c = text[end];
            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                if (depth == 0)
                {
                    break;
                }

                depth--;
            }
            else if (c == '\n' && depth == 0)
            {
                break;
            }

            end++;
        }

        return Split(text[start..end]);
    }

    private static List<string> Split(string text)
    {
        var parts = new List<string>();
        var depth = 0;
        var from = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '(' or '[' or '{')
            {
                depth++;
            }
            else if (text[i] is ')' or ']' or '}')
            {
                depth--;
            }
            else if (text[i] == ',' && depth == 0)
            {
                parts.Add(text[from..i].Trim());
                from = i + 1;
            }
        }

        if (text[from..].Trim() is { Length: > 0 } last)
        {
            parts.Add(last);
        }

        return parts;
    }

    private void Add(Severity severity, string reason)
    {
        if (!findings.Any(f => f.Reason == reason))
        {
            findings.Add(new DangerFinding(severity, reason));
        }
    }
}
