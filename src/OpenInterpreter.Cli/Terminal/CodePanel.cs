using Spectre.Console;
using Spectre.Console.Rendering;

namespace OpenInterpreter.Cli.Terminal;

/// <summary>
/// Code in a panel, syntax highlighted, with the running line marked and the rest of a wrapped line marked <c>↪</c>.
/// Code the model asks to run has a bold header and a bright border; an example block inside an answer is drawn
/// lighter, so the two are never confused.
/// </summary>
internal static class CodePanel
{
    public static IRenderable Render(string code, string? language, int? activeLine)
    {
        var header = string.IsNullOrEmpty(language) ? " [bold]code to run[/] " : $" [bold]{Markup.Escape(language)}[/] [grey]· code to run[/] ";
        return new Panel(Body(code, language, activeLine))
            .Header(header)
            .Border(BoxBorder.Rounded)
            .BorderColor(Color.Yellow)
            .Expand();
    }

    /// <summary>A code block written in an answer, shown for reading: not run.</summary>
    public static IRenderable RenderExample(string code, string? language) =>
        new Panel(Body(code, language, activeLine: null))
            .Header(string.IsNullOrEmpty(language) ? "" : $" [grey]{Markup.Escape(language)}[/] ")
            .Border(BoxBorder.Square)
            .BorderColor(Color.Grey35)
            .Expand();

    /// <summary>Expands tabs to the next multiple of eight columns: a tab inside a panel would break its border.</summary>
    /// <param name="line">The text to expand.</param>
    /// <param name="column">The column <paramref name="line"/> starts at, when it continues text already on the line.</param>
    public static string ExpandTabs(string line, int column = 0)
    {
        if (!line.Contains('\t', StringComparison.Ordinal))
        {
            return line;
        }

        var text = new System.Text.StringBuilder(line.Length + 16);
        foreach (var c in line)
        {
            if (c == '\t')
            {
                text.Append(' ', 8 - ((column + text.Length) % 8));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    private static Rows Body(string code, string? language, int? activeLine)
    {
        var lines = code.TrimEnd('\n').Split('\n');
        var rows = new List<IRenderable>(lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = ExpandTabs(lines[i].TrimEnd('\r'));
            var highlighted = CodeHighlighter.Highlight(line, language);
            rows.Add(new CodeLine(i + 1 == activeLine
                ? new Markup($"[black on yellow]{Markup.Escape(line)}[/]")
                : new Markup(highlighted.Length == 0 ? " " : highlighted)));
        }

        return new Rows(rows);
    }
}
