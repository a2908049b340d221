using Spectre.Console;
using Spectre.Console.Rendering;

namespace OpenInterpreter.Cli.Terminal;

/// <summary>Code in a panel, syntax highlighted, with the running line marked.</summary>
internal static class CodePanel
{
    public static IRenderable Render(string code, string? language, int? activeLine)
    {
        var lines = code.TrimEnd('\n').Split('\n');
        var rows = new List<IRenderable>(lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var highlighted = CodeHighlighter.Highlight(lines[i], language);
            rows.Add(i + 1 == activeLine
                ? new Markup($"[black on yellow]{Markup.Escape(lines[i])}[/]")
                : new Markup(highlighted.Length == 0 ? " " : highlighted));
        }

        return new Panel(new Rows(rows))
            .Header(string.IsNullOrEmpty(language) ? "" : $" [bold]{Markup.Escape(language)}[/] ")
            .Border(BoxBorder.Rounded)
            .BorderColor(Color.Grey)
            .Expand();
    }
}
