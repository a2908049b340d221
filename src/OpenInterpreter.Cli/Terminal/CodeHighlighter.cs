using System.Text;
using System.Text.RegularExpressions;
using Spectre.Console;

namespace OpenInterpreter.Cli.Terminal;

/// <summary>
/// A small line-based highlighter (comments, strings, keywords, numbers) for the languages the model writes most.
/// Line-based on purpose: it runs on every streamed chunk, and a multi-line string only loses its colour.
/// </summary>
internal static partial class CodeHighlighter
{
    private static readonly HashSet<string> Python = Words("and as assert async await break class continue def del elif else except False finally for from global if import in is lambda None nonlocal not or pass raise return True try while with yield print");
    private static readonly HashSet<string> Shell = Words("if then else elif fi for while until do done case esac function in return export local echo cd set unset source exit");
    private static readonly HashSet<string> JavaScript = Words("async await break case catch class const continue default delete do else export false finally for function if import in instanceof let new null return switch this throw true try typeof undefined var while yield console require");

    public static string Highlight(string line, string? language)
    {
        if (language == "diff")
        {
            return Diff(line);
        }

        var keywords = language?.ToLowerInvariant() switch
        {
            "python" or "py" => Python,
            "shell" or "bash" or "sh" or "zsh" => Shell,
            "javascript" or "js" or "node" => JavaScript,
            _ => null,
        };
        if (keywords is null)
        {
            return Markup.Escape(line);
        }

        var comment = language is "javascript" or "js" or "node" ? "//" : "#";
        var result = new StringBuilder();
        foreach (Match token in Token().Matches(line))
        {
            var text = token.Value;
            var escaped = Markup.Escape(text);
            if (text.StartsWith(comment, StringComparison.Ordinal))
            {
                result.Append("[grey]").Append(Markup.Escape(line[token.Index..])).Append("[/]");
                break;
            }

            result.Append(text switch
            {
                ['"' or '\'' or '`', ..] => $"[green]{escaped}[/]",
                _ when char.IsDigit(text[0]) => $"[cyan]{escaped}[/]",
                _ when keywords.Contains(text) => $"[magenta]{escaped}[/]",
                _ => escaped,
            });
        }

        return result.ToString();
    }

    /// <summary>A unified diff line: removals red, additions green, hunk headers cyan.</summary>
    private static string Diff(string line) => line switch
    {
        ['+', '+', '+', ..] or ['-', '-', '-', ..] => $"[bold]{Markup.Escape(line)}[/]",
        ['+', ..] => $"[green]{Markup.Escape(line)}[/]",
        ['-', ..] => $"[red]{Markup.Escape(line)}[/]",
        ['@', '@', ..] => $"[cyan]{Markup.Escape(line)}[/]",
        _ => Markup.Escape(line),
    };

    private static HashSet<string> Words(string words) => [.. words.Split(' ')];

    // Comments, quoted strings (escapes honoured, unterminated ones run to the end), words, numbers, anything else.
    [GeneratedRegex(@"#.*|//.*|""(?:\\.|[^""\\])*""?|'(?:\\.|[^'\\])*'?|`(?:\\.|[^`\\])*`?|[A-Za-z_]\w*|\d[\w.]*|\s+|.")]
    private static partial Regex Token();
}
