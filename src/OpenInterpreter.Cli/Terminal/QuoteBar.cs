using Spectre.Console;
using Spectre.Console.Rendering;

namespace OpenInterpreter.Cli.Terminal;

/// <summary>A Markdown blockquote: its content indented behind a grey bar on every line.</summary>
internal sealed class QuoteBar(IRenderable content) : Renderable
{
    private static readonly Style Bar = new(Color.Grey);

    protected override Measurement Measure(RenderOptions options, int maxWidth)
    {
        var inner = content.Measure(options, Math.Max(maxWidth - 2, 1));
        return new Measurement(inner.Min + 2, inner.Max + 2);
    }

    protected override IEnumerable<Segment> Render(RenderOptions options, int maxWidth)
    {
        var lines = Segment.SplitLines(content.Render(options, Math.Max(maxWidth - 2, 1)));
        // The last block of a quote ends with a blank line of its own; the bar stops at the text.
        while (lines.Count > 1 && lines[^1].All(s => string.IsNullOrWhiteSpace(s.Text)))
        {
            lines.RemoveAt(lines.Count - 1);
        }

        foreach (var line in lines)
        {
            yield return new Segment("│ ", Bar);
            foreach (var segment in line)
            {
                yield return segment;
            }

            yield return Segment.LineBreak;
        }
    }
}
