using System.Text.RegularExpressions;

namespace OpenInterpreter.Core.Safety;

/// <summary>
/// The danger rules for shell commands (bash and PowerShell), applied to each command the <see cref="ShellParser"/>
/// read: deletes, disk formatting and raw device writes, downloads run as code, overwritten start-up files, recursive
/// permission changes, destructive git, shutdown; and the medium ones: root, package installs, credentials, uploads.
/// It follows the code as it runs: its <c>cd</c>, its assignments, <c>for</c> loops (a loop variable stands for each of
/// its values), functions (their body runs where they are called), and code handed to another shell or interpreter.
/// </summary>
internal sealed partial class ShellRules(PathClassifier classifier, List<DangerFinding> findings)
{
    // Moves with the code's own cd: a relative path after `cd ~ &&` is in the home folder.
    private PathClassifier _paths = classifier;

    /// <summary>Where relative _paths lie once the code checked so far has run (its cd followed).</summary>
    public PathClassifier Paths => _paths;

    // The code's own simple assignments (X=~), put into later words that name them ($X, ${X}).
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);

    // for f in ~/* build: the values a loop variable takes.
    private readonly Dictionary<string, IReadOnlyList<string>> _loops = new(StringComparer.Ordinal);

    // The code's functions: their body, and the commands of the code that defined them (for the body's pipelines).
    private readonly Dictionary<string, (List<ShellCommand> Body, IReadOnlyList<ShellCommand> All)> _functions = new(StringComparer.Ordinal);

    // The functions being run, so that one that calls itself is run once.
    private readonly HashSet<string> _calling = new(StringComparer.Ordinal);

    private static readonly HashSet<string> Shells = new(StringComparer.OrdinalIgnoreCase)
    {
        "sh", "bash", "zsh", "dash", "ksh", "fish", "python", "python3", "perl", "ruby", "node", "php", "pwsh", "powershell",
        "iex", "invoke-expression", "source", ".", "eval",
    };

    private static readonly HashSet<string> Downloaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "curl", "wget", "fetch", "iwr", "irm", "invoke-webrequest", "invoke-restmethod", "aria2c",
    };

    private static readonly HashSet<string> Deleters = new(StringComparer.OrdinalIgnoreCase)
    {
        "rm", "rmdir", "unlink", "shred", "srm", "remove-item", "ri", "del", "erase", "rd", "trash", "gio",
    };

    private static readonly HashSet<string> Wrappers = new(StringComparer.Ordinal)
    {
        "nohup", "nice", "time", "command", "exec", "builtin", "stdbuf", "ionice", "setsid", "chronic", "caffeinate",
    };

    [GeneratedRegex(@"(?<name>[\w:.-]+)\s*\(\s*\)\s*\{[^}]*\k<name>\s*\|\s*\k<name>\s*&")]
    private static partial Regex ForkBomb();

    /// <summary>Checks every command of <paramref name="code"/> and the code as a whole (fork bombs).</summary>
    public void CheckCode(string code, bool powerShell, int depth = 0)
    {
        if (depth > 3)
        {
            return;
        }

        if (ForkBomb().IsMatch(code))
        {
            Add(Severity.High, "a fork bomb: a function that starts two copies of itself, without end");
        }

        var commands = ShellParser.Parse(code, powerShell);
        if (powerShell && commands.Any(c => c.Name.ToLowerInvariant() is "iex" or "invoke-expression")
            && (commands.Any(c => Downloaders.Contains(c.Name)) || code.Contains("DownloadString", StringComparison.OrdinalIgnoreCase)))
        {
            Add(Severity.High, "runs a download as code (Invoke-Expression of a download)");
        }

        foreach (var pipeline in commands.GroupBy(c => c.PipelineIndex))
        {
            CheckPipeline(pipeline.OrderBy(c => c.Stage).ToList());
        }

        var defined = new HashSet<string>(StringComparer.Ordinal);
        foreach (var command in commands)
        {
            if (command.Function is not { } function)
            {
                Run(command, commands, powerShell, depth);
            }
            else if (defined.Add(function))
            {
                Define(function, [.. commands.Where(c => c.Function == function)], commands, powerShell, depth);
            }
        }
    }

    /// <summary>Checks one command as it runs: with the values it names put in, a call of one of the code's functions running its body.</summary>
    private void Run(ShellCommand command, IReadOnlyList<ShellCommand> all, bool powerShell, int depth)
    {
        foreach (var known in Substitute(command))
        {
            Check(known, powerShell, depth);
            CheckListedDelete(known, all);
            Follow(known, powerShell);
            if (Unwrap(known.Words) is [var name, ..] && _functions.TryGetValue(name, out var function) && _calling.Add(name))
            {
                // The body runs in the caller's shell: where the caller is, and its cd moves the caller.
                foreach (var inner in function.Body)
                {
                    Run(inner, function.All, powerShell, depth);
                }

                _calling.Remove(name);
            }
        }
    }

    /// <summary>
    /// Records a function and rates its body where it is defined, with the body's own cd; the caller does not move
    /// until the function is called (<c>f() { cd ~; rm -rf *; }</c> is high, <c>f</c>'s call then runs it again).
    /// </summary>
    private void Define(string name, List<ShellCommand> body, IReadOnlyList<ShellCommand> all, bool powerShell, int depth)
    {
        _functions[name] = (body, all);
        var (paths, variables) = (_paths, new Dictionary<string, string>(_variables));
        _calling.Add(name);
        foreach (var command in body)
        {
            Run(command, all, powerShell, depth);
        }

        _calling.Remove(name);
        _paths = paths;
        _variables.Clear();
        foreach (var (key, value) in variables)
        {
            _variables[key] = value;
        }
    }

    /// <summary>
    /// The command with the values of the code's own earlier assignments put in, once for each value of a loop
    /// variable it names; records its assignments and, for <c>for x in …</c>, the loop's values.
    /// </summary>
    private IReadOnlyList<ShellCommand> Substitute(ShellCommand command)
    {
        if (_variables.Count > 0 && command.Words.Any(w => w.Contains('$')))
        {
            command = command with { Words = [.. command.Words.Select(Expand)] };
        }

        foreach (var assignment in command.Assignments ?? [])
        {
            var equals = assignment.IndexOf('=');
            _variables[assignment[..equals]] = Expand(assignment[(equals + 1)..]);
            _loops.Remove(assignment[..equals]);
        }

        if (command.Words.Count >= 3 && command.Words[0] is "for" or "select" && command.Words[2] == "in")
        {
            _loops[command.Words[1]] = [.. command.Words.Skip(3).Select(LoopValue)];
            _variables.Remove(command.Words[1]);
        }

        var loop = command.Words.SelectMany(w => Variable().Matches(w)).Select(m => m.Groups["name"].Value).FirstOrDefault(_loops.ContainsKey);
        if (loop is null || command.Name is "for" or "select")
        {
            return [command];
        }

        // Enough values to meet the dangerous one among a loop's few literal ones; a glob is one value (~/*).
        return [.. _loops[loop].Take(16).Select(value => command with
        {
            Words = [.. command.Words.Select(w => Variable().Replace(w, m => m.Groups["name"].Value == loop ? value : m.Value))],
        })];
    }

    /// <summary>What a loop's value stands for: itself, or for <c>$(find X …)</c> each path in X (<c>X/*</c>).</summary>
    private static string LoopValue(string value) =>
        value.StartsWith("$(find ", StringComparison.Ordinal) && ShellParser.Parse(value[2..^1]) is [{ Words: [_, var start, ..] }] && !start.StartsWith('-')
            ? start.TrimEnd('/') + "/*"
            : value;

    /// <summary><paramref name="word"/> with the variables the code assigned put in; others stay as written.</summary>
    private string Expand(string word) =>
        Variable().Replace(word, m => _variables.TryGetValue(m.Groups["name"].Value, out var value) ? value : m.Value);

    /// <summary>Follows a <c>cd</c>, so that later relative _paths resolve where the code went.</summary>
    private void Follow(ShellCommand command, bool powerShell)
    {
        var words = Unwrap(command.Words);
        if (words.Count == 0 || words[0].ToLowerInvariant() is not ("cd" or "pushd" or "chdir" or "set-location" or "sl" or "push-location"))
        {
            return;
        }

        var target = words.Skip(1).FirstOrDefault(w => !w.StartsWith('-') || w == "-") ?? (powerShell ? null : "~");
        if (target is not null and not "-")
        {
            _paths = _paths.After(target);
        }
    }

    [GeneratedRegex(@"\$(?:\{(?<name>\w+)\}|(?<name>\w+))")]
    private static partial Regex Variable();

    /// <summary>Checks one command given as words (a Python <c>subprocess.run([...])</c> list).</summary>
    public void CheckWords(IReadOnlyList<string> words) => Check(new ShellCommand(words, [], -1, 0), powerShell: false, depth: 1);

    private void CheckPipeline(List<ShellCommand> stages)
    {
        var download = stages.FindIndex(s => Downloaders.Contains(Unwrap(s.Words).FirstOrDefault() ?? ""));
        if (download >= 0 && stages.Skip(download + 1).Select(s => Unwrap(s.Words).FirstOrDefault() ?? "").FirstOrDefault(IsShell) is { } shell)
        {
            Add(Severity.High, $"runs a download as code ({Unwrap(stages[download].Words)[0]} … | {shell})");
        }
    }

    private static bool IsShell(string name) => Shells.Contains(Path.GetFileName(name)) || Path.GetFileName(name).StartsWith("python", StringComparison.Ordinal);

    /// <summary>The command without the prefixes that run it (<c>sudo</c>, <c>env X=1</c>, <c>nohup</c>, <c>xargs</c>, …).</summary>
    internal static IReadOnlyList<string> Unwrap(IReadOnlyList<string> words)
    {
        var i = 0;
        while (i < words.Count)
        {
            var name = Path.GetFileName(words[i]);
            if (name is "sudo" or "doas" or "env" or "xargs" or "timeout" or "watch" or "strace" or "run0" || Wrappers.Contains(name))
            {
                i++;
                // Their own options and, for env, assignments; timeout's duration.
                while (i < words.Count && (words[i].StartsWith('-') || words[i].Contains('=') || (name == "timeout" && char.IsDigit(words[i][0]))))
                {
                    i++;
                }

                continue;
            }

            break;
        }

        return i == 0 ? words : words.Skip(i).ToList();
    }

    private void Check(ShellCommand command, bool powerShell, int depth)
    {
        foreach (var target in command.OutputRedirects)
        {
            CheckWrite(target, $"> {target}");
        }

        var all = command.Words;
        if (all.Count == 0)
        {
            return;
        }

        if (Path.GetFileName(all[0]) is "sudo" or "doas" or "su" or "pkexec" or "run0")
        {
            Add(Severity.Medium, $"runs as root ({Path.GetFileName(all[0])})");
        }

        var words = Unwrap(all);
        if (words.Count == 0)
        {
            return;
        }

        var name = Path.GetFileName(words[0]);
        var lower = name.ToLowerInvariant();
        var args = words.Skip(1).ToList();
        foreach (var word in words)
        {
            if (_paths.IsCredential(word))
            {
                Add(Severity.Medium, $"reads credentials ({word})");
            }
        }

        // Code handed to a shell as a string is checked as shell code; code from a download is a download run.
        if (IsShell(lower) && (args.FirstOrDefault(a => a.Contains("$(", StringComparison.Ordinal) || a.StartsWith("<(", StringComparison.Ordinal) || a.Contains('`') || a.StartsWith('(')) is { } fed)
            && Downloaders.Any(d => fed.Contains(d, StringComparison.OrdinalIgnoreCase) || fed.Contains("DownloadString", StringComparison.OrdinalIgnoreCase)))
        {
            Add(Severity.High, $"runs a download as code ({name} {Shorten(fed)})");
        }

        if (InlineCode.Of(words) is { } inline)
        {
            CheckInline(inline, depth);
        }

        if (Deleters.Contains(lower) || (powerShell && lower is "rm" or "rmdir"))
        {
            CheckDelete(name, args, powerShell);
        }

        switch (lower)
        {
            case "find":
                CheckFind(args);
                break;
            case "dd":
                foreach (var of in args.Where(a => a.StartsWith("of=", StringComparison.Ordinal)))
                {
                    if (PathClassifier.IsDisk(of[3..]))
                    {
                        Add(Severity.High, $"writes raw data to a disk device (dd {of})");
                    }
                    else
                    {
                        CheckWrite(of[3..], $"dd {of}");
                    }
                }

                break;
            case "wipefs" or "fdisk" or "sfdisk" or "cfdisk" or "parted" or "gdisk" or "sgdisk" or "mkswap" or "format-volume" or "clear-disk" or "initialize-disk" or "diskpart" or "blkdiscard":
                Add(Severity.High, $"formats or repartitions a disk ({name})");
                break;
            case "tee" or "truncate" or "set-content" or "add-content" or "out-file" or "sc" or "ac":
                foreach (var target in args.Where(a => !a.StartsWith('-')))
                {
                    CheckWrite(target, $"{name} {target}");
                }

                break;
            case "cp" or "mv" or "install" or "ln" or "copy-item" or "move-item" or "cpi" or "mi" or "move" or "copy" or "rsync" when args.Count(a => !a.StartsWith('-')) >= 2:
                var operands = args.Where(a => !a.StartsWith('-')).ToList();
                CheckWrite(operands[^1], $"{name} … {operands[^1]}");
                if (lower is "rsync" && args.Any(a => a.StartsWith("--del", StringComparison.Ordinal)))
                {
                    CheckMirrorDelete(operands[^1], $"{name} --delete … {operands[^1]}");
                }

                if (lower is "mv" or "move-item" or "mi" or "move")
                {
                    foreach (var source in operands.Take(operands.Count - 1))
                    {
                        if (_paths.Classify(source) is PathPlace.Root or PathPlace.Home or PathPlace.System && !(_paths.Classify(source) == PathPlace.System && source.Count(c => c == '/') > 2))
                        {
                            Add(Severity.High, $"moves away {PathClassifier.Describe(_paths.Classify(source), source)} ({name} {source})");
                        }
                    }
                }

                break;
            case "sed" or "perl" when args.Any(a => a.StartsWith("-i", StringComparison.Ordinal) || a.StartsWith("-pi", StringComparison.Ordinal)):
                foreach (var target in args.Where(a => !a.StartsWith('-')).Skip(1))
                {
                    CheckWrite(target, $"{name} -i {target}");
                }

                break;
            case "chmod" or "chown" or "chgrp" or "setfacl":
                CheckPermissions(name, args);
                break;
            case "git":
                CheckGit(args);
                break;
            case "shutdown" or "reboot" or "halt" or "poweroff" or "stop-computer" or "restart-computer":
                Add(Severity.High, $"shuts down or restarts the computer ({name})");
                break;
            case "init" or "telinit" when args.FirstOrDefault() is "0" or "6":
            case "systemctl" when args.Any(a => a is "poweroff" or "reboot" or "halt" or "kexec" or "suspend" or "hibernate"):
                Add(Severity.High, $"shuts down or restarts the computer ({name} {string.Join(' ', args)})");
                break;
            case "kill" or "pkill" or "killall" when args.Contains("-1") && args.Last() == "-1" || args.Contains("--all"):
                Add(Severity.High, $"kills every process ({name} {string.Join(' ', args)})");
                break;
            case "mkfs" or "mke2fs" or "newfs":
                Add(Severity.High, $"formats a disk ({name})");
                break;
            case "crontab" when args.Contains("-r"):
                Add(Severity.High, "deletes every scheduled job (crontab -r)");
                break;
        }

        if (lower.StartsWith("mkfs.", StringComparison.Ordinal))
        {
            Add(Severity.High, $"formats a disk ({name})");
        }

        CheckInstall(lower, args);
        CheckNetwork(name, lower, args);
    }

    /// <summary>
    /// Code handed to another shell or interpreter is checked by its own language's rules, and its findings say where
    /// it came from. Code that <c>eval</c> runs in this shell moves this shell (its cd, its assignments).
    /// </summary>
    private void CheckInline(InlineCode inline, int depth)
    {
        if (depth >= 3)
        {
            return;
        }

        var found = new List<DangerFinding>();
        if (inline.Language is "shell" or "powershell")
        {
            var inner = new ShellRules(_paths, found);
            foreach (var (key, value) in _variables)
            {
                inner._variables[key] = value;
            }

            foreach (var (key, value) in _functions.Where(f => inline.SameShell))
            {
                inner._functions[key] = value;
            }

            inner.CheckCode(inline.Code, inline.Language == "powershell", depth + 1);
            if (inline.SameShell)
            {
                _paths = inner._paths;
                foreach (var (key, value) in inner._variables)
                {
                    _variables[key] = value;
                }
            }
        }
        else
        {
            new ScriptRules(_paths, found).Check(inline.Code, inline.Language);
        }

        foreach (var finding in found)
        {
            Add(finding.Severity, $"{finding.Reason}, inside {inline.Label}");
        }
    }

    /// <summary><c>find ~ -type f | xargs rm</c>: each path the listing gives is deleted.</summary>
    private void CheckListedDelete(ShellCommand command, IReadOnlyList<ShellCommand> all)
    {
        if (command.Stage == 0 || command.Words.Count == 0 || Path.GetFileName(command.Words[0]) != "xargs"
            || Unwrap(command.Words) is not [var deleter, ..] || !Deleters.Contains(Path.GetFileName(deleter)))
        {
            return;
        }

        foreach (var listing in all.Where(c => c.PipelineIndex == command.PipelineIndex && c.Stage < command.Stage))
        {
            if (Unwrap([.. listing.Words.Select(Expand)]) is { Count: > 0 } words && Path.GetFileName(words[0]) == "find")
            {
                CheckFind([.. words.Skip(1)], $"| xargs {Path.GetFileName(deleter)}");
            }
        }
    }

    private void CheckDelete(string name, List<string> args, bool powerShell)
    {
        var recursive = name is "shred" or "srm";
        var operands = new List<string>();
        var endOfOptions = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!endOfOptions && arg == "--")
            {
                endOfOptions = true;
            }
            else if (!endOfOptions && arg.StartsWith("--", StringComparison.Ordinal))
            {
                recursive |= arg is "--recursive" or "--dir";
            }
            else if (!endOfOptions && arg.StartsWith('-') && arg.Length > 1)
            {
                if (powerShell || arg.Length > 3 && char.IsUpper(arg[1]))
                {
                    // PowerShell parameters: -Recurse (any prefix), -Path X, -LiteralPath X, -Force.
                    var parameter = arg[1..].ToLowerInvariant();
                    recursive |= "recurse".StartsWith(parameter, StringComparison.Ordinal);
                    if (parameter is "path" or "literalpath" or "lp" && i + 1 < args.Count)
                    {
                        operands.Add(args[++i]);
                    }
                }
                else
                {
                    recursive |= arg.Contains('r') || arg.Contains('R');
                }
            }
            else
            {
                // PowerShell takes a list of _paths separated by commas.
                operands.AddRange(powerShell ? arg.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [arg]);
            }
        }

        if (name is "rmdir" or "rd" && !powerShell)
        {
            recursive = false;
        }

        foreach (var operand in operands.Distinct())
        {
            var wildcard = operand.Contains('*') || operand.Contains('?');
            var place = _paths.Classify(operand);
            // After a cd, say where a relative path lies: "(rm -r * in ~)".
            var relative = _paths.CurrentDirectory != _paths.WorkingDirectory && !operand.StartsWith('/') && !operand.StartsWith('~') && !operand.StartsWith('$');
            var what = $"{name} {(recursive ? "-r " : "")}{operand}{(relative ? $" in {_paths.Shown(_paths.CurrentDirectory)}" : "")}";
            var shown = relative && _paths.Resolve(operand) is { } full ? _paths.Shown(full) : operand;
            switch (place)
            {
                case PathPlace.Root or PathPlace.Home or PathPlace.System when recursive || wildcard || place == PathPlace.System:
                    Add(Severity.High, $"deletes {PathClassifier.Describe(place, shown)} ({what})");
                    break;
                case PathPlace.InHome or PathPlace.Outside when recursive || wildcard:
                    Add(Severity.High, $"deletes {PathClassifier.Describe(place, shown)} ({what})");
                    break;
                case PathPlace.InHome or PathPlace.Outside when _paths.IsProtected(operand):
                    Add(Severity.High, $"deletes {shown}, a start-up or key file ({what})");
                    break;
                case PathPlace.InHome or PathPlace.Outside:
                    Add(Severity.Medium, $"deletes {shown}, outside the working folder ({what})");
                    break;
                case PathPlace.Unknown when recursive:
                    Add(Severity.Medium, $"deletes a path whose value is known only at run time ({what})");
                    break;
            }
        }
    }

    /// <summary><c>rsync --delete</c> deletes whatever in the destination the source lacks: a tree delete of the destination.</summary>
    private void CheckMirrorDelete(string destination, string what)
    {
        if (destination.IndexOf(':') is > 0 and var colon && destination.IndexOf('/') is var slash && (slash < 0 || colon < slash))
        {
            return; // host:path, on another machine
        }

        var place = _paths.Classify(destination);
        if (place is PathPlace.Root or PathPlace.Home or PathPlace.System or PathPlace.InHome or PathPlace.Outside)
        {
            Add(Severity.High, $"deletes files in {PathClassifier.Describe(place, destination)} that the source lacks ({what})");
        }
    }

    private void CheckFind(List<string> args, string? piped = null)
    {
        var deletes = piped is not null || args.Contains("-delete") || args.Select((a, i) => (a, i)).Any(p => p.a is "-exec" or "-execdir" or "-ok" && p.i + 1 < args.Count && Path.GetFileName(args[p.i + 1]) is "rm" or "shred");
        if (!deletes)
        {
            return;
        }

        foreach (var start in args.TakeWhile(a => !a.StartsWith('-') && a != "(" && a != "!").DefaultIfEmpty("."))
        {
            var place = _paths.Classify(start);

            // find /tmp … deletes what it finds in /tmp, not /tmp.
            if (place == PathPlace.Outside && _paths.Classify(start.TrimEnd('/') + "/x") == PathPlace.Temporary)
            {
                continue;
            }

            if (place is PathPlace.Root or PathPlace.Home or PathPlace.System or PathPlace.InHome or PathPlace.Outside)
            {
                Add(Severity.High, $"deletes files in {PathClassifier.Describe(place, start)} (find {start} … {piped ?? "-delete"})");
            }
        }
    }

    /// <summary>A write to a disk device, a start-up or key file, or a system folder.</summary>
    private void CheckWrite(string target, string what)
    {
        if (target is "/dev/null" or "/dev/stdout" or "/dev/stderr" or "/dev/tty" or "$null" or "-" || target.StartsWith("/dev/fd/", StringComparison.Ordinal))
        {
            return;
        }

        if (PathClassifier.IsDisk(target))
        {
            Add(Severity.High, $"writes raw data to a disk device ({what})");
        }
        else if (_paths.IsProtected(target))
        {
            Add(Severity.High, $"overwrites {target}, which every new shell or login reads ({what})");
        }
        else if (_paths.Classify(target) is PathPlace.System or PathPlace.Root)
        {
            Add(Severity.High, $"writes into {target}, a system folder ({what})");
        }
        else if (target.Equals("$PROFILE", StringComparison.OrdinalIgnoreCase))
        {
            Add(Severity.High, $"overwrites the PowerShell profile ({what})");
        }
    }

    private void CheckPermissions(string name, List<string> args)
    {
        var recursive = args.Any(a => a is "-R" or "--recursive" || (a.StartsWith('-') && !a.StartsWith("--", StringComparison.Ordinal) && a.Contains('R')));
        foreach (var target in args.Where(a => !a.StartsWith('-')).Skip(name == "setfacl" ? 0 : 1))
        {
            var place = _paths.Classify(target);
            if (place is PathPlace.Root or PathPlace.Home || (recursive && place is PathPlace.System))
            {
                Add(Severity.High, $"changes the permissions of {PathClassifier.Describe(place, target)} ({name} {string.Join(' ', args)})");
            }
        }
    }

    private void CheckGit(List<string> args)
    {
        // Global options come before the subcommand: git -C dir push.
        var i = 0;
        while (i < args.Count && args[i].StartsWith('-'))
        {
            i += args[i] is "-C" or "-c" or "--git-dir" or "--work-tree" ? 2 : 1;
        }

        if (i >= args.Count)
        {
            return;
        }

        var sub = args[i];
        var rest = args.Skip(i + 1).ToList();
        var shortFlags = string.Concat(rest.Where(a => a.StartsWith('-') && !a.StartsWith("--", StringComparison.Ordinal)).Select(a => a[1..]));
        if (sub == "push" && (rest.Any(a => a is "--force" or "-f" or "--mirror" or "--delete" || a.StartsWith("--force", StringComparison.Ordinal)) || rest.Any(a => a.StartsWith('+') && a.Length > 1) || shortFlags.Contains('f')))
        {
            Add(Severity.High, $"rewrites the remote's history (git push {string.Join(' ', rest)})");
        }
        else if (sub == "reset" && rest.Contains("--hard"))
        {
            Add(Severity.High, "throws away uncommitted changes (git reset --hard)");
        }
        else if (sub == "clean" && (shortFlags.Contains('f') || rest.Contains("--force")))
        {
            Add(Severity.High, $"deletes untracked files (git clean {string.Join(' ', rest)})");
        }
        else if ((sub == "checkout" && rest.Contains("--") && rest.Contains(".")) || (sub == "stash" && rest.FirstOrDefault() is "clear" or "drop"))
        {
            Add(Severity.Medium, $"throws away changes (git {sub} {string.Join(' ', rest)})");
        }
    }

    private void CheckInstall(string name, List<string> args)
    {
        var first = args.FirstOrDefault(a => !a.StartsWith('-')) ?? "";
        var installs = name switch
        {
            "apt" or "apt-get" or "aptitude" or "yum" or "dnf" or "zypper" or "snap" or "flatpak" => first is "install" or "remove" or "purge" or "upgrade" or "dist-upgrade" or "autoremove",
            "pacman" => args.Any(a => a.StartsWith("-S", StringComparison.Ordinal) || a.StartsWith("-R", StringComparison.Ordinal)),
            "apk" => first is "add" or "del",
            "brew" or "port" or "choco" or "winget" or "scoop" or "gem" or "cargo" or "go" or "conda" or "mamba" or "pipx" or "uv" or "dotnet" =>
                first is "install" or "uninstall" or "add" || (name is "uv" or "dotnet" && first is "pip" or "tool" && args.Contains("install")),
            "pip" or "pip3" => first is "install" or "uninstall",
            "python" or "python3" => args.Count >= 3 && args[0] == "-m" && args[1] is "pip" && args[2] is "install",
            "npm" or "pnpm" or "yarn" or "bun" => first is "install" or "i" or "add" || (first == "" && name == "yarn"),
            "install-module" or "install-package" or "install-script" => true,
            "dpkg" => args.Contains("-i") || args.Contains("--install"),
            "rpm" => args.Any(a => a.StartsWith("-i", StringComparison.Ordinal) || a.StartsWith("-U", StringComparison.Ordinal)),
            _ => false,
        };
        if (installs)
        {
            Add(Severity.Medium, $"installs or removes packages ({name} {Shorten(string.Join(' ', args))})");
        }
    }

    private void CheckNetwork(string name, string lower, List<string> args)
    {
        var sends = lower switch
        {
            "curl" => args.Any(a => a is "-d" or "-F" or "-T" or "--form" or "--upload-file" or "--json" || a.StartsWith("--data", StringComparison.Ordinal) || a.StartsWith("-d", StringComparison.Ordinal) && a.Length > 2 && !a.StartsWith("--", StringComparison.Ordinal))
                || args.Select((a, i) => (a, i)).Any(p => p.a is "-X" or "--request" && p.i + 1 < args.Count && args[p.i + 1].ToUpperInvariant() is "POST" or "PUT" or "PATCH"),
            "wget" => args.Any(a => a.StartsWith("--post", StringComparison.Ordinal) || a.StartsWith("--body", StringComparison.Ordinal) || a.StartsWith("--method", StringComparison.Ordinal)),
            "nc" or "ncat" or "netcat" or "socat" or "telnet" or "ftp" or "sftp" or "scp" => true,
            "rsync" => args.Any(a => a.Contains(':') && !a.StartsWith('-')),
            "invoke-webrequest" or "iwr" or "invoke-restmethod" or "irm" => args.Any(a => a.Equals("-Body", StringComparison.OrdinalIgnoreCase) || a.Equals("-InFile", StringComparison.OrdinalIgnoreCase))
                || args.Select((a, i) => (a, i)).Any(p => p.a.Equals("-Method", StringComparison.OrdinalIgnoreCase) && p.i + 1 < args.Count && args[p.i + 1].ToUpperInvariant() is "POST" or "PUT" or "PATCH"),
            "send-mailmessage" or "mail" or "sendmail" => true,
            _ => false,
        };
        if (sends)
        {
            Add(Severity.Medium, $"sends data over the network ({name} {Shorten(string.Join(' ', args))})");
        }
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "…";

    private void Add(Severity severity, string reason)
    {
        if (!findings.Any(f => f.Reason == reason))
        {
            findings.Add(new DangerFinding(severity, reason));
        }
    }
}
