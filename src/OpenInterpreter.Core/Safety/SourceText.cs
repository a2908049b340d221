using System.Globalization;
using System.Text;

namespace OpenInterpreter.Core.Safety;

/// <summary>
/// Program text with its comments removed and each string literal replaced by a numbered marker, so the danger rules
/// find calls in code, never in text (<c>print("shutil.rmtree('/')")</c> calls <c>print</c>), and still read the
/// literal a call was given. Ruby's and Perl's backtick, <c>%x</c> and <c>qx</c> commands are kept apart as shell code.
/// </summary>
internal sealed class SourceText
{
    /// <summary>Starts a literal's marker in <see cref="Masked"/>; the literal's number follows, then <see cref="MarkerEnd"/>.</summary>
    public const char MarkerStart = '\u0001';

    public const char MarkerEnd = '\u0002';

    private SourceText(string masked, IReadOnlyList<string> literals, IReadOnlyList<string> commands)
    {
        Masked = masked;
        Literals = literals;
        Commands = commands;
    }

    /// <summary>The code without comments, literals replaced by markers.</summary>
    public string Masked { get; }

    /// <summary>The string literals' contents, by marker number.</summary>
    public IReadOnlyList<string> Literals { get; }

    /// <summary>Shell commands written in backticks, <c>%x(…)</c> (Ruby) or <c>qx(…)</c> (Perl).</summary>
    public IReadOnlyList<string> Commands { get; }

    /// <summary>The literal a marker stands for, when <paramref name="text"/> is exactly one marker.</summary>
    public string? LiteralOf(string text)
    {
        var t = text.Trim();
        return t.Length >= 3 && t[0] == MarkerStart && t[^1] == MarkerEnd && int.TryParse(t[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n < Literals.Count
            ? Literals[n]
            : null;
    }

    /// <summary>Reads <paramref name="code"/> with the comment and string syntax of <paramref name="language"/>.</summary>
    public static SourceText Read(string code, string language)
    {
        var hashComments = language is "python" or "ruby" or "r" or "perl";
        var backtickCommands = language is "ruby" or "perl";
        var slashComments = language is "javascript";
        var masked = new StringBuilder(code.Length);
        var literals = new List<string>();
        var commands = new List<string>();
        var i = 0;

        void AddLiteral(string value)
        {
            masked.Append(MarkerStart).Append(literals.Count.ToString(CultureInfo.InvariantCulture)).Append(MarkerEnd);
            literals.Add(value);
        }

        while (i < code.Length)
        {
            var c = code[i];
            if ((hashComments && c == '#') || (slashComments && c == '/' && i + 1 < code.Length && code[i + 1] == '/'))
            {
                while (i < code.Length && code[i] != '\n')
                {
                    i++;
                }

                continue;
            }

            if (slashComments && c == '/' && i + 1 < code.Length && code[i + 1] == '*')
            {
                var close = code.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = close < 0 ? code.Length : close + 2;
                continue;
            }

            if (language == "ruby" && c == '=' && (i == 0 || code[i - 1] == '\n') && string.CompareOrdinal(code, i, "=begin", 0, 6) == 0)
            {
                var close = code.IndexOf("\n=end", i, StringComparison.Ordinal);
                i = close < 0 ? code.Length : close + 5;
                continue;
            }

            if (((language == "ruby" && c == '%') || (language == "perl" && c == 'q' && (i == 0 || !char.IsLetterOrDigit(code[i - 1]))))
                && i + 2 < code.Length && code[i + 1] == 'x' && "({[<|!".Contains(code[i + 2]))
            {
                var closing = code[i + 2] switch { '(' => ')', '{' => '}', '[' => ']', '<' => '>', var same => same };
                var close = code.IndexOf(closing, i + 3);
                var end = close < 0 ? code.Length : close;
                commands.Add(code[(i + 3)..end]);
                AddLiteral(code[(i + 3)..end]);
                i = end + 1;
                continue;
            }

            if (c is '\'' or '"' or '`')
            {
                var triple = language == "python" && i + 2 < code.Length && code[i + 1] == c && code[i + 2] == c;
                var quote = triple ? new string(c, 3) : c.ToString();
                var start = i + quote.Length;
                var j = start;
                while (j < code.Length && string.CompareOrdinal(code, j, quote, 0, quote.Length) != 0)
                {
                    // R's backticks quote names, where a backslash is literal; elsewhere it escapes.
                    j += code[j] == '\\' && !(language == "r" && c == '`') ? 2 : 1;
                    if (!triple && j < code.Length && code[j] == '\n' && c != '`')
                    {
                        break;
                    }
                }

                var value = code[start..Math.Min(j, code.Length)];
                if (c == '`' && backtickCommands)
                {
                    commands.Add(value);
                }

                AddLiteral(Unescape(value));
                i = Math.Min(j + quote.Length, code.Length);
                continue;
            }

            masked.Append(c);
            i++;
        }

        return new SourceText(masked.ToString(), literals, commands);
    }

    /// <summary>The top-level arguments of the call whose parenthesis (or first argument) ends at <paramref name="start"/> in <see cref="Masked"/>.</summary>
    public List<string> ArgumentsAt(int start)
    {
        var depth = 0;
        var end = start;
        while (end < Masked.Length)
        {
            var c = Masked[end];
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

        return Split(Masked[start..end]);
    }

    /// <summary><paramref name="text"/> split at its top-level commas.</summary>
    public static List<string> Split(string text)
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

    private static string Unescape(string value) =>
        value.Contains('\\') ? value.Replace("\\\\", "\u0003").Replace("\\\"", "\"").Replace("\\'", "'").Replace("\\n", "\n").Replace("\u0003", "\\") : value;
}
