using System.Text;
using System.Text.RegularExpressions;

namespace OpenInterpreter.Core.Safety;

/// <summary>
/// The danger rules for Python, JavaScript, Ruby, R and Perl: the calls that delete (<c>shutil.rmtree</c>,
/// <c>fs.rmSync</c>, <c>FileUtils.rm_rf</c>, <c>unlink</c>), overwrite files, run shell commands (<c>os.system</c>,
/// <c>subprocess.run</c>, <c>child_process.exec</c>, <c>system</c>, whose command is checked as shell code), send
/// data over the network, or fork without end. Calls are found in code with comments and strings taken out; a
/// relative path is rated where the code's own <c>os.chdir</c> (…) took it (<see cref="ScriptPaths"/>).
/// </summary>
internal sealed partial class ScriptRules(PathClassifier paths, List<DangerFinding> findings)
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
            new(Call(@"(?:fs|fsp|fs\.promises|fse|\))\.(?:rmSync|rm|rmdirSync|rmdir)|(?<!\.)\brm(?:Sync)?"), Kind.DeleteTreeIfRecursive),
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

        // Perl has no session of its own; its code is read when shell hands it to perl -e: deletes and commands.
        ["perl"] =
        [
            new(Call(@"(?:File::Path::)?(?:rmtree|remove_tree)", parens: false), Kind.DeleteTree),
            new(Call(@"(?<![$@%])(?:unlink|rmdir)", parens: false), Kind.DeleteFile),
            new(Call(@"(?<![$@%])(?:system|exec)", parens: false), Kind.Shell),
        ],
    };

    [GeneratedRegex(@"(?:while\s*\(?\s*(?:True|true|1|TRUE)\s*\)?|loop\s*(?:do|\{)|for\s*\(\s*;\s*;\s*\)|repeat\s*\{)[\s\S]*\b(?:os\.fork|fork|process\.fork|child_process\.fork)\s*\(?")]
    private static partial Regex ForkLoop();

    [GeneratedRegex(@"recursive\s*(?::|=)\s*(?:true|TRUE|T\b)|force\s*(?::|=)\s*(?:true|TRUE)")]
    private static partial Regex RecursiveOption();

    [GeneratedRegex(@"shell\s*(?:=|:)\s*(?:True|true)")]
    private static partial Regex ShellOption();

    private static Regex Call(string names, bool parens = true) =>
        new($@"(?<![\w.])(?:{names})\s*{(parens ? @"\(" : @"(?:\(|[ \t]+(?=[\u0001\[%\w]))")}", RegexOptions.CultureInvariant);

    /// <summary>Where relative paths lie once the checked code has run (its own <c>os.chdir</c> … followed).</summary>
    public PathClassifier Paths => _end ?? paths;

    private PathClassifier? _end;

    /// <summary>Checks <paramref name="code"/> written in <paramref name="language"/> (python, javascript, ruby, r or perl).</summary>
    public void Check(string code, string language)
    {
        if (!Rules.TryGetValue(language, out var rules))
        {
            return;
        }

        var source = SourceText.Read(code, language);
        var scope = new ScriptPaths(source, language, paths);
        foreach (var literal in source.Literals.Where(paths.IsCredential).Distinct())
        {
            Add(Severity.Medium, $"reads credentials ({literal})");
        }

        foreach (var command in source.Commands)
        {
            new ShellRules(paths, findings).CheckCode(command, powerShell: false, depth: 1);
        }

        if (ForkLoop().IsMatch(source.Masked) && source.Masked.Contains("fork", StringComparison.Ordinal))
        {
            Add(Severity.High, "a fork bomb: forks new processes in an endless loop");
        }

        foreach (var rule in rules)
        {
            foreach (Match match in rule.Call.Matches(source.Masked))
            {
                var arguments = source.ArgumentsAt(match.Index + match.Length);
                Apply(rule.Kind, match.Value.TrimStart(')', '.').TrimEnd('(', ' ', '\t'), arguments, source, scope, scope.At(match.Index));
            }
        }

        // Path("~/x").unlink(), Path.home().rmdir(), p.unlink() in a loop over a listing: the receiver is the path.
        if (language == "python")
        {
            foreach (Match match in PythonPathMethod().Matches(source.Masked))
            {
                var path = scope.Of(match.Groups["receiver"].Value);
                var kind = match.Groups["method"].Value is "unlink" or "rmdir" ? Kind.DeleteFile : Kind.Write;
                Target(kind, path, $"Path(…).{match.Groups["method"].Value}()", recursive: false, scope.At(match.Index));
            }

            foreach (Match match in VariableDelete().Matches(source.Masked))
            {
                var receiver = match.Groups["receiver"].Value;
                Target(Kind.DeleteFile, receiver is "os" or "shutil" or "Path" ? null : scope.Of(receiver), $"{receiver}.{match.Groups["method"].Value}()", recursive: false, scope.At(match.Index));
            }
        }

        _end = scope.End;
    }

    [GeneratedRegex(@"Path\((?<receiver>[^()]*(?:\([^()]*\))?[^()]*)\)(?:\.expanduser\(\))?\.(?<method>unlink|rmdir|write_text|write_bytes)\(")]
    private static partial Regex PythonPathMethod();

    [GeneratedRegex(@"(?<![\w.])(?<receiver>[A-Za-z_]\w*)\.(?<method>unlink|rmdir)\(")]
    private static partial Regex VariableDelete();

    private void Apply(Kind kind, string call, IReadOnlyList<string> arguments, SourceText source, ScriptPaths scope, PathClassifier at)
    {
        var first = arguments.Count > 0 ? arguments[0] : "";
        var all = string.Join(',', arguments);
        switch (kind)
        {
            case Kind.DeleteTree:
                Target(kind, scope.Of(first), call, recursive: true, at);
                break;
            case Kind.DeleteTreeIfRecursive:
                Target(kind, scope.Of(first), call, recursive: RecursiveOption().IsMatch(all), at);
                break;
            case Kind.DeleteFile:
                Target(kind, scope.Of(first), call, recursive: false, at);
                break;
            case Kind.Write:
                // open(path) reads; open(path, "w") / File.open(path, "a") writes. The R writers name the file in con= / file=.
                var named = arguments.FirstOrDefault(a => Regex.IsMatch(a, @"^\s*(?:file|con|path)\s*=")) is { } n ? n[(n.IndexOf('=') + 1)..] : null;
                var mode = call is "open" or "File.open" ? (arguments.Count > 1 ? source.LiteralOf(arguments[1]) ?? "" : "r") : "w";
                if (mode.IndexOfAny(['w', 'a', 'x', '+']) >= 0)
                {
                    Target(kind, scope.Of(named ?? (call is "cat" or "writeLines" or "write" ? arguments.LastOrDefault() ?? "" : first)), call, recursive: false, at);
                }

                break;
            case Kind.Shell:
                CheckCommand(call, arguments, source, new ShellRules(at, findings));
                break;
            case Kind.Network:
                Add(Severity.Medium, $"sends data over the network ({call})");
                break;
        }
    }

    private void CheckCommand(string call, IReadOnlyList<string> arguments, SourceText source, ShellRules shell)
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

        var items = SourceText.Split(text[1..^1]);
        var values = items.Select(i => source.LiteralOf(i) ?? (i.Trim().Length > 0 ? "$" + i.Trim() : null)).Where(v => v is not null).Select(v => v!).ToList();
        return values.Count > 0 ? values : null;
    }

    private void Target(Kind kind, string? path, string call, bool recursive, PathClassifier at)
    {
        // rmtree(some_variable): not known before the run; the question shows the code.
        if (path is null)
        {
            return;
        }

        var place = at.Classify(path);
        if (kind == Kind.Write)
        {
            if (at.IsProtected(path))
            {
                Add(Severity.High, $"overwrites {path}, which every new shell or login reads ({call})");
            }
            else if (place is PathPlace.System or PathPlace.Root)
            {
                Add(Severity.High, $"writes into {path}, a system folder ({call})");
            }

            return;
        }

        // After os.chdir, say where a relative path lies: "(shutil.rmtree(.) in ~)".
        var relative = at.CurrentDirectory != at.WorkingDirectory && !path.StartsWith('/') && !path.StartsWith('~') && !path.StartsWith('$');
        // A method of the path itself reads "p.unlink() on ~/*".
        var what = $"{(call.EndsWith(')') ? $"{call} on {path}" : $"{call}({path})")}{(relative ? $" in {at.Shown(at.CurrentDirectory)}" : "")}";
        var shown = relative && at.Resolve(path) is { } full ? at.Shown(full) : path;
        switch (place)
        {
            case PathPlace.Root or PathPlace.Home or PathPlace.System:
                Add(Severity.High, $"deletes {PathClassifier.Describe(place, shown)} ({what})");
                break;
            case PathPlace.InHome or PathPlace.Outside when recursive || at.IsProtected(path):
                Add(Severity.High, $"deletes {PathClassifier.Describe(place, shown)} ({what})");
                break;
            case PathPlace.InHome or PathPlace.Outside:
                Add(Severity.Medium, $"deletes {shown}, outside the working folder ({what})");
                break;
            case PathPlace.Unknown when recursive && relative && at.CurrentDirectory.Length == 0:
                Add(Severity.Medium, $"deletes a path whose place is known only at run time ({what})");
                break;
        }
    }

    private void Add(Severity severity, string reason)
    {
        if (!findings.Any(f => f.Reason == reason))
        {
            findings.Add(new DangerFinding(severity, reason));
        }
    }
}
