using OpenInterpreter.Cli.Terminal;
using Spectre.Console;
using Xunit;

namespace OpenInterpreter.Cli.Tests.Terminal;

public sealed class CodePanelTests
{
    private const int Width = 40;

    [Fact]
    public void A_code_line_wider_than_the_panel_goes_on_behind_a_continuation_marker()
    {
        var longLine = "total = " + string.Join(" + ", Enumerable.Range(1, 20));
        var lines = Render(CodePanel.Render($"{longLine}\nprint(total)", "python", activeLine: null));

        var body = lines.Skip(1).SkipLast(1).ToList();
        Assert.StartsWith("│ total = 1 + 2", body[0]);
        Assert.All(body.Skip(1).SkipLast(1), l => Assert.StartsWith("│ ↪ ", l));
        Assert.StartsWith("│ print(total)", body[^1]);
        Assert.True(body.Count >= 3, string.Join("\n", lines));
        Assert.Equal(NoSpaces(longLine), NoSpaces(string.Concat(body.SkipLast(1).Select(l => l[1..^1].Replace("↪", "", StringComparison.Ordinal)))));
        Assert.Single(lines.Select(l => l.Length).Distinct());
    }

    [Fact]
    public void A_line_that_fits_has_no_marker()
    {
        var lines = Render(CodePanel.Render("print('short')\nx = 1", "python", activeLine: 2));
        Assert.Equal(4, lines.Count);
        Assert.DoesNotContain(lines, l => l.Contains('↪', StringComparison.Ordinal));
    }

    [Fact]
    public void An_example_block_marks_its_wrapped_lines_too()
    {
        var lines = Render(CodePanel.RenderExample(new string('x', 100), "text"));
        Assert.Contains(lines, l => l.StartsWith("│ ↪ x", StringComparison.Ordinal));
    }

    private static string NoSpaces(string text) => text.Replace(" ", "", StringComparison.Ordinal);

    private static List<string> Render(Spectre.Console.Rendering.IRenderable renderable) =>
        [.. new AnsiLines(ColorSystem.NoColors).Render(renderable, Width)];
}
