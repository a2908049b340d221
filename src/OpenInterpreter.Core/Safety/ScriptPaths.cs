using System.Text;
using System.Text.RegularExpressions;

namespace OpenInterpreter.Core.Safety;

/// <summary>
/// What the expressions of script code stand for as paths before it runs — literals, the home folder, joins of them,
/// variables set to one, loop variables over a folder's listing (<c>for p in Path.home().iterdir()</c> is <c>~/*</c>) —
/// and the folder the code is in at each point, after its own <c>os.chdir</c>, <c>process.chdir</c>, <c>Dir.chdir</c>,
/// <c>setwd</c> or Perl's <c>chdir</c>, as <see cref="ShellRules"/> follows a shell's <c>cd</c>.
/// </summary>
internal sealed partial class ScriptPaths
{
    private static readonly Dictionary<string, Regex> ChangeDirectory = new(StringComparer.Ordinal)
    {
        ["python"] = Change(@"os\.chdir"),
        ["javascript"] = Change(@"process\.chdir"),
        ["ruby"] = Change(@"Dir\.chdir"),
        ["r"] = Change(@"setwd"),
        ["perl"] = Change(@"chdir"),
    };

    // Calls that list a folder: "full" ones give paths (glob, iterdir, scandir, walk), the others names in it (listdir).
    private static readonly Dictionary<string, (Regex Call, bool Full)[]> Listings = new(StringComparer.Ordinal)
    {
        ["python"] =
        [
            (new(@"(?<receiver>Path\.home\(\)|Path\([^()]*(?:\([^()]*\))?[^()]*\)(?:\.expanduser\(\))?|(?<![\w.])[A-Za-z_]\w*)\.(?<method>r?glob|iterdir)\s*\("), true),
            (new(@"(?<![\w.])(?:glob\.)?i?glob\s*\("), true),
            (new(@"(?<![\w.])os\.(?<method>scandir|walk)\s*\("), true),
            (new(@"(?<![\w.])os\.listdir\s*\("), false),
        ],
        ["javascript"] =
        [
            (new(@"(?<![\w.])(?:glob\.sync|globSync)\s*\("), true),
            (new(@"(?<![\w.])(?:(?:fs|fsp|fs\.promises)\.)?readdir(?:Sync)?\s*\("), false),
        ],
        ["ruby"] =
        [
            (new(@"(?<![\w.])Dir\.glob\s*\(|(?<![\w.])Dir\["), true),
            (new(@"(?<![\w.])Dir\.(?:children|entries|each_child|foreach)\s*\("), false),
        ],
    };

    // Expressions that stand for the home folder in each language.
    [GeneratedRegex(@"Path\.home\(\)|os\.environ(?:\.get)?\s*[\[(]\s*\u0001\d+\u0002\s*[\])]|os\.getenv\(\s*\u0001\d+\u0002\s*\)|(?:require\(\s*\u0001\d+\u0002\s*\)|\b\w+)?\.homedir\(\)|process\.env\.(?:HOME|USERPROFILE)|process\.env\[\s*\u0001\d+\u0002\s*\]|Dir\.home|ENV\[\s*\u0001\d+\u0002\s*\]|Sys\.getenv\(\s*\u0001\d+\u0002\s*\)|\$ENV\{\s*(?:HOME|\u0001\d+\u0002)\s*\}")]
    private static partial Regex HomeExpression();

    [GeneratedRegex(@"(?:^|\n)\s*(?:const\s+|let\s+|var\s+|my\s+)?(?<name>[A-Za-z_$]\w*)\s*(?:=|<-)(?!=)\s*(?<value>[^\n;]+)")]
    private static partial Regex Assignment();

    // for p in …: / for (const f of …) : the loop variable and where its iterable starts.
    [GeneratedRegex(@"\bfor\s+(?<var>[A-Za-z_]\w*)(?<more>(?:\s*,\s*[A-Za-z_]\w*)*)\s+in\s+|\bfor\s*\(\s*(?:const|let|var)?\s*(?<var>[A-Za-z_$][\w$]*)\s+of\s+")]
    private static partial Regex ForLoop();

    // ….forEach(f => …), ….each { |f| … }, Dir.each_child(x) do |f|: the variable of a block over the listing just read.
    [GeneratedRegex(@"\G\s*(?:\.\s*(?:forEach|map|each|each_with_index)\s*)?(?:\(\s*(?:async\s*)?\(?\s*(?:function\s*\(\s*)?|(?:do|\{)\s*\|\s*)(?<var>[A-Za-z_]\w*)")]
    private static partial Regex BlockVariable();

    private readonly SourceText _source;
    private readonly PathClassifier _start;
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);

    // A loop variable over a listing: the path it stands for, with the listing's wildcard (~/*).
    private readonly Dictionary<string, string> _listed = new(StringComparer.Ordinal);
    private readonly List<(int Index, PathClassifier Paths)> _moves = [];

    /// <summary>Reads the assignments, listing loops and folder changes of <paramref name="source"/>, which starts in <paramref name="start"/>.</summary>
    public ScriptPaths(SourceText source, string language, PathClassifier start)
    {
        _source = source;
        _start = start;
        foreach (Match match in Assignment().Matches(source.Masked))
        {
            _variables[match.Groups["name"].Value] = match.Groups["value"].Value.Trim();
        }

        ReadListings(language);
        if (ChangeDirectory.TryGetValue(language, out var change))
        {
            ReadMoves(change, language);
        }
    }

    /// <summary>Where relative paths lie once the whole code has run.</summary>
    public PathClassifier End => _moves.Count > 0 ? _moves[^1].Paths : _start;

    /// <summary>Where relative paths lie at <paramref name="index"/> of the masked code: after the folder changes before it.</summary>
    public PathClassifier At(int index)
    {
        var paths = _start;
        foreach (var move in _moves)
        {
            if (move.Index >= index)
            {
                break;
            }

            paths = move.Paths;
        }

        return paths;
    }

    /// <summary>The path an expression stands for: a literal, the home folder, joins of them, a variable set to one; null when unknown.</summary>
    public string? Of(string expression, int depth = 0)
    {
        var text = expression.Trim();
        if (text.Length == 0 || depth > 3)
        {
            return null;
        }

        if (_listed.TryGetValue(text, out var listed))
        {
            return listed;
        }

        if (_variables.TryGetValue(text, out var assigned))
        {
            return Of(assigned, depth + 1);
        }

        var home = HomeExpression().Match(text);
        var rest = home.Success ? text.Remove(home.Index, home.Length) : text;
        var parts = new List<string>();
        foreach (Match marker in Regex.Matches(rest, @"\u0001\d+\u0002|\b[A-Za-z_]\w*\b"))
        {
            if (_source.LiteralOf(marker.Value) is { } literal)
            {
                parts.Add(literal);
            }
            else if (_listed.TryGetValue(marker.Value, out var entry))
            {
                parts.Add(entry);
            }
            else if (_variables.TryGetValue(marker.Value, out var value) && Of(value, depth + 1) is { } inner)
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

    private static Regex Change(string name) =>
        new($@"(?<![\w.$]){name}\b(?<open>\s*\(|[ \t]+(?=[\u0001\w$])(?!do\b))?", RegexOptions.CultureInvariant);

    private void ReadMoves(Regex change, string language)
    {
        var paths = _start;
        foreach (Match match in change.Matches(_source.Masked))
        {
            var arguments = match.Groups["open"].Success ? _source.ArgumentsAt(match.Index + match.Length) : [];
            if (arguments.Count == 0 || arguments[0] is "do" or "{")
            {
                // Ruby's Dir.chdir and Perl's chdir with no folder go home; the others need one.
                if (language is not ("ruby" or "perl"))
                {
                    continue;
                }

                paths = paths.After("~");
            }
            else
            {
                paths = Of(arguments[0]) is { } target ? paths.After(target) : paths.AfterUnknown();
            }

            _moves.Add((match.Index, paths));
        }
    }

    private void ReadListings(string language)
    {
        if (!Listings.TryGetValue(language, out var listings))
        {
            return;
        }

        var found = new List<(int Start, int End, string Path)>();
        foreach (var (call, full) in listings)
        {
            foreach (Match match in call.Matches(_source.Masked))
            {
                var open = match.Index + match.Length;
                var arguments = _source.ArgumentsAt(open);
                var end = CloseOf(open);
                if (Listed(match, arguments, full) is { } path)
                {
                    found.Add((match.Index, end, path));
                }
            }
        }

        foreach (var (start, end, path) in found)
        {
            if (BlockVariable().Match(_source.Masked, end) is { Success: true } block)
            {
                _listed[block.Groups["var"].Value] = path;
            }
        }

        foreach (Match loop in ForLoop().Matches(_source.Masked))
        {
            var iterable = loop.Index + loop.Length;
            var line = _source.Masked.IndexOf('\n', iterable) is var newline and >= 0 ? newline : _source.Masked.Length;
            if (found.Where(f => f.Start >= iterable && f.Start < line).OrderBy(f => f.Start).FirstOrDefault() is { Path: { } path })
            {
                _listed[loop.Groups["var"].Value] = path;

                // os.walk's other names (dirs, files) are names in each folder it reaches.
                foreach (var other in loop.Groups["more"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    _listed[other] = "*";
                }
            }
        }
    }

    /// <summary>What one entry of a listing stands for: <c>~/*</c> for a glob or walk of the home folder, <c>*</c> for names.</summary>
    private string? Listed(Match match, List<string> arguments, bool full)
    {
        if (!full)
        {
            return "*";
        }

        string? path;
        if (match.Groups["receiver"].Success)
        {
            // Path.home().rglob("*.log"): the receiver is the folder, the argument the pattern.
            var folder = Of(match.Groups["receiver"].Value);
            var pattern = arguments.Count > 0 ? _source.LiteralOf(arguments[0]) ?? "*" : "*";
            path = folder is null ? null : folder.TrimEnd('/') + "/" + pattern;
        }
        else if (match.Groups["method"].Success)
        {
            // os.scandir(x), os.walk(x): the entries of x.
            path = arguments.Count > 0 && Of(arguments[0]) is { } folder ? folder.TrimEnd('/') + "/*" : null;
        }
        else
        {
            path = arguments.Count > 0 ? Of(arguments[0]) : null;
        }

        // "**" matches any depth: ~/**/* is everything in the home folder, as ~/* is.
        return path is null ? null : Regex.Replace(path, @"/\*\*(?=/)", "");
    }

    /// <summary>Where the call whose arguments start at <paramref name="open"/> ends (after its closing bracket).</summary>
    private int CloseOf(int open)
    {
        var depth = 0;
        for (var i = open; i < _source.Masked.Length; i++)
        {
            var c = _source.Masked[i];
            if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}' && --depth < 0)
            {
                return i + 1;
            }
        }

        return _source.Masked.Length;
    }
}
