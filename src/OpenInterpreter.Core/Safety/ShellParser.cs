using System.Text;

namespace OpenInterpreter.Core.Safety;

/// <summary>
/// Reads shell code (bash, and PowerShell's similar surface) into simple commands: words with quoting removed,
/// pipelines, <c>&amp;&amp;</c>/<c>||</c>/<c>;</c>/newline lists, groups, function definitions (their body's commands
/// marked with the function's name), command and process substitutions (whose commands are read as commands of their
/// own), redirections and here-documents. Comments are skipped and quoted
/// text stays one word, so <c>echo 'rm -rf /'</c> is an <c>echo</c>, not an <c>rm</c>.
/// </summary>
/// <remarks>
/// It reads what a shell would run, not whether the shell would accept it: broken quoting ends at the end of the
/// code, and constructs it does not know (<c>case</c> patterns) are read as words. A substitution stays in its word as
/// written (<c>$(curl x)</c>), so rules can see what feeds a command.
/// </remarks>
public sealed class ShellParser
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "if", "then", "else", "elif", "fi", "do", "done", "while", "until", "!", "time", "{", "}", "esac", "in",
    };

    private static readonly HashSet<string> Shells = new(StringComparer.Ordinal) { "bash", "sh", "zsh", "dash", "ksh" };

    private readonly string _code;
    private readonly bool _powerShell;
    private readonly List<ShellCommand> _commands;
    private readonly Counter _pipelines;
    private readonly List<(string Delimiter, bool StripTabs, bool Run)> _pendingHereDocs = [];
    private int _at;

    // The function whose body is being read.
    private string? _function;

    private ShellParser(string code, bool powerShell, List<ShellCommand> commands, Counter pipelines)
    {
        _code = code;
        _powerShell = powerShell;
        _commands = commands;
        _pipelines = pipelines;
    }

    /// <summary>Every simple command in <paramref name="code"/>, those inside substitutions included.</summary>
    public static IReadOnlyList<ShellCommand> Parse(string code, bool powerShell = false)
    {
        var commands = new List<ShellCommand>();
        new ShellParser(code, powerShell, commands, new Counter()).ParseList('\0');
        return commands;
    }

    private char Escape => _powerShell ? '`' : '\\';

    private char Peek(int ahead = 0) => _at + ahead < _code.Length ? _code[_at + ahead] : '\0';

    /// <summary>Reads commands until <paramref name="terminator"/> (consumed) or the end of the code.</summary>
    private void ParseList(char terminator)
    {
        var words = new List<string>();
        var redirects = new List<string>();
        var pipeline = _pipelines.Next();
        var stage = 0;

        // Groups ({ …; }) opened inside a function body, whose closing brace does not end the body.
        var groups = 0;

        void Finish()
        {
            // Keywords and variable assignments before the name are not the command.
            var start = 0;
            while (start < words.Count && (Keywords.Contains(words[start]) || IsAssignment(words[start])))
            {
                start++;
            }

            var assignments = words.Take(start).Where(IsAssignment).ToList();
            if (start < words.Count || redirects.Count > 0 || assignments.Count > 0)
            {
                _commands.Add(new ShellCommand(words.Skip(start).ToList(), redirects.ToList(), pipeline, stage, assignments, _function));
            }

            words.Clear();
            redirects.Clear();
        }

        void EndPipeline()
        {
            Finish();
            pipeline = _pipelines.Next();
            stage = 0;
        }

        while (true)
        {
            SkipBlanks();
            var c = Peek();
            if (c == '}' && terminator == '}' && groups > 0)
            {
                groups--;
                _at++;
                EndPipeline();
                continue;
            }

            if (c == '\0' || (c == terminator && terminator != '\0'))
            {
                EndPipeline();
                if (c != '\0')
                {
                    _at++;
                }

                return;
            }

            switch (c)
            {
                case '#':
                    SkipComment();
                    continue;
                case '<' when _powerShell && Peek(1) == '#':
                    var close = _code.IndexOf("#>", _at + 2, StringComparison.Ordinal);
                    _at = close < 0 ? _code.Length : close + 2;
                    continue;
                case '\n':
                    _at++;
                    EndPipeline();
                    ReadHereDocs();
                    continue;
                case ';':
                    _at++;
                    EndPipeline();
                    continue;
                case '&' when Peek(1) == '&':
                    _at += 2;
                    EndPipeline();
                    continue;
                case '&' when Peek(1) != '>':
                    _at++;
                    EndPipeline();
                    continue;
                case '|' when Peek(1) == '|':
                    _at += 2;
                    EndPipeline();
                    continue;
                case '|':
                    _at += Peek(1) == '&' ? 2 : 1;
                    Finish();
                    stage++;
                    continue;
                case '(' when FunctionName(words) is { } name && _code.AsSpan(_at + 1).TrimStart(" \t").StartsWith(")"):
                    // name() { body; }: the body runs when name is called.
                    words.Clear();
                    _at = _code.IndexOf(')', _at) + 1;
                    ParseFunctionBody(name);
                    continue;
                case '(':
                    _at++;
                    EndPipeline();
                    ParseList(')');
                    continue;
                case ')':
                    // A stray closing parenthesis (a case pattern): not a command.
                    _at++;
                    EndPipeline();
                    continue;
            }

            if (TryReadRedirect(words, redirects))
            {
                continue;
            }

            if (Peek() == '{' && words.Count == 2 && words[0] == "function")
            {
                // function name { body; }
                var name = words[1];
                words.Clear();
                ParseFunctionBody(name);
                continue;
            }

            var word = ReadWord(terminator);
            if (word is "}" or "{")
            {
                groups += word == "{" && terminator == '}' ? 1 : 0;
                EndPipeline();
                continue;
            }

            words.Add(word);
        }
    }

    /// <summary>The name a function definition gives, when <paramref name="words"/> are <c>name</c> or <c>function name</c> before <c>()</c>.</summary>
    /// <remarks>Not PowerShell's method calls: <c>$client.Dispose()</c>, <c>[Console]::ReadLine()</c>.</remarks>
    private static string? FunctionName(List<string> words) =>
        words.Count is 1 or 2 && (words.Count == 1 || words[0] == "function") && words[^1] is { Length: > 0 } name
        && !IsAssignment(name) && !Keywords.Contains(name) && name[0] is not ('$' or '[') && !name.Contains('.')
            ? name
            : null;

    /// <summary>Reads a function's body (<c>{ …; }</c> or <c>( … )</c>, on this line or the next), its commands marked with <paramref name="name"/>.</summary>
    private void ParseFunctionBody(string name)
    {
        while (Peek() is ' ' or '\t' or '\r' or '\n')
        {
            _at++;
        }

        var close = Peek() switch { '{' => '}', '(' => ')', _ => '\0' };
        if (close == '\0')
        {
            return;
        }

        _at++;
        var outer = _function;
        _function = name;
        ParseList(close);
        _function = outer;
    }

    private static bool IsAssignment(string word)
    {
        var equals = word.IndexOf('=');
        return equals > 0 && word[..equals].All(ch => char.IsLetterOrDigit(ch) || ch == '_') && !char.IsDigit(word[0]);
    }

    private void SkipBlanks()
    {
        while (_at < _code.Length)
        {
            var c = _code[_at];
            if (c is ' ' or '\t' or '\r')
            {
                _at++;
            }
            else if (c == Escape && Peek(1) == '\n')
            {
                _at += 2;
            }
            else
            {
                return;
            }
        }
    }

    private void SkipComment()
    {
        while (_at < _code.Length && _code[_at] != '\n')
        {
            _at++;
        }
    }

    /// <summary>Reads a redirection operator and its target, if one starts here.</summary>
    private bool TryReadRedirect(List<string> words, List<string> redirects)
    {
        var start = _at;
        while (char.IsDigit(Peek()))
        {
            _at++;
        }

        var c = Peek();
        var ampersand = c == '&' && Peek(1) == '>';
        if (ampersand)
        {
            _at++;
            c = '>';
        }

        if (c is not ('>' or '<') || (c == '<' || c == '>') && Peek(1) == '(')
        {
            _at = start;
            return false;
        }

        _at++;
        if (c == '<' && Peek() == '<')
        {
            _at++;
            if (Peek() == '<')
            {
                // A here-string: its word is data.
                _at++;
                SkipBlanks();
                ReadWord('\0');
                return true;
            }

            var stripTabs = Peek() == '-';
            if (stripTabs)
            {
                _at++;
            }

            SkipBlanks();
            var delimiter = ReadWord('\0');
            var runs = words.Count > 0 && (Shells.Contains(Path.GetFileName(words[0])) || words[0] is "sudo" or "eval");
            _pendingHereDocs.Add((delimiter, stripTabs, runs));
            return true;
        }

        var output = c == '>';
        if (Peek() is '>' or '|')
        {
            _at++;
        }

        if (Peek() == '&')
        {
            // >&2, <&0: a descriptor, not a file.
            _at++;
            if (char.IsDigit(Peek()) || Peek() == '-')
            {
                while (char.IsDigit(Peek()) || Peek() == '-')
                {
                    _at++;
                }

                return true;
            }
        }

        SkipBlanks();
        var target = ReadWord('\0');
        if (output && target.Length > 0)
        {
            redirects.Add(target);
        }

        return true;
    }

    /// <summary>After a newline: the bodies of the here-documents opened on that line, read as commands when a shell runs them.</summary>
    private void ReadHereDocs()
    {
        foreach (var (delimiter, stripTabs, run) in _pendingHereDocs)
        {
            var body = new StringBuilder();
            while (_at < _code.Length)
            {
                var end = _code.IndexOf('\n', _at);
                var line = end < 0 ? _code[_at..] : _code[_at..end];
                _at = end < 0 ? _code.Length : end + 1;
                if ((stripTabs ? line.TrimStart('\t') : line).TrimEnd('\r') == delimiter)
                {
                    break;
                }

                body.Append(line).Append('\n');
            }

            if (run)
            {
                new ShellParser(body.ToString(), _powerShell, _commands, _pipelines).ParseList('\0');
            }
        }

        _pendingHereDocs.Clear();
    }

    /// <summary>Reads one word, removing quotes; substitutions are read as commands and kept in the word as written.</summary>
    private string ReadWord(char terminator)
    {
        var word = new StringBuilder();
        while (_at < _code.Length)
        {
            var c = _code[_at];
            // A function body's closing brace is a word of its own: find -exec rm {} and xargs -I{} keep theirs.
            if (char.IsWhiteSpace(c) || c is ';' or '|' or '(' or ')' or '&' || (c == terminator && (terminator != '}' || word.Length == 0)) || (c is '<' or '>' && word.Length > 0))
            {
                break;
            }

            if (c is '<' or '>')
            {
                // Only a process substitution gets here: a redirection was read before the word started.
                word.Append(Substitution(2, ')'));
                continue;
            }

            if (c == Escape)
            {
                if (_at + 1 < _code.Length)
                {
                    word.Append(_code[_at + 1]);
                }

                _at += 2;
                continue;
            }

            switch (c)
            {
                case '\'':
                    var close = _code.IndexOf('\'', _at + 1);
                    var end = close < 0 ? _code.Length : close;
                    word.Append(_code, _at + 1, end - _at - 1);
                    _at = close < 0 ? _code.Length : close + 1;
                    break;
                case '"':
                    ReadDoubleQuoted(word);
                    break;
                case '$' when Peek(1) == '(' && Peek(2) == '(':
                    word.Append(Skip("$((", "))"));
                    break;
                case '$' when Peek(1) == '(':
                    word.Append(Substitution(2, ')'));
                    break;
                case '$' when Peek(1) == '{':
                    word.Append(Skip("${", "}"));
                    break;
                case '`' when !_powerShell:
                    word.Append(Substitution(1, '`'));
                    break;
                default:
                    word.Append(c);
                    _at++;
                    break;
            }
        }

        return word.ToString();
    }

    private void ReadDoubleQuoted(StringBuilder word)
    {
        _at++;
        while (_at < _code.Length && _code[_at] != '"')
        {
            var c = _code[_at];
            if (c == Escape && _at + 1 < _code.Length)
            {
                // Inside double quotes bash keeps a backslash but before $ ` " \ and a newline: python3 -c "print('a\nb')".
                if (!_powerShell && _code[_at + 1] is not ('$' or '`' or '"' or '\\' or '\n'))
                {
                    word.Append(c);
                }

                word.Append(_code[_at + 1]);
                _at += 2;
            }
            else if (c == '$' && Peek(1) == '(' && Peek(2) != '(')
            {
                word.Append(Substitution(2, ')'));
            }
            else if (c == '$' && Peek(1) == '{')
            {
                word.Append(Skip("${", "}"));
            }
            else if (c == '`' && !_powerShell)
            {
                word.Append(Substitution(1, '`'));
            }
            else
            {
                word.Append(c);
                _at++;
            }
        }

        _at++;
    }

    /// <summary>Reads the commands of a substitution that starts <paramref name="opening"/> characters from here; returns its text as written.</summary>
    private string Substitution(int opening, char terminator)
    {
        var start = _at;
        _at += opening;
        ParseList(terminator);
        return _code[start..Math.Min(_at, _code.Length)];
    }

    /// <summary>Skips a balanced <paramref name="open"/> … <paramref name="close"/> (arithmetic, parameter expansion), returning its text.</summary>
    private string Skip(string open, string close)
    {
        var start = _at;
        var depth = 0;
        while (_at < _code.Length)
        {
            if (string.CompareOrdinal(_code, _at, open, 0, open.Length) == 0 || (open[^1] == '{' && _code[_at] == '{'))
            {
                depth++;
                _at += _code[_at] == '{' ? 1 : open.Length;
                continue;
            }

            if (string.CompareOrdinal(_code, _at, close, 0, close.Length) == 0)
            {
                depth--;
                _at += close.Length;
                if (depth == 0)
                {
                    break;
                }

                continue;
            }

            _at++;
        }

        return _code[start..Math.Min(_at, _code.Length)];
    }

    private sealed class Counter
    {
        private int _next;

        public int Next() => _next++;
    }
}
