using Spectre.Console;
using Spectre.Console.Rendering;

namespace OpenInterpreter.Cli.Terminal;

/// <summary>
/// One line of code in a panel. A line wider than the panel goes on in the next rows behind a <c>↪</c> marker,
/// cut at the column, not at a word as text is, so a wrapped line is never taken for two lines of code.
/// </summary>
internal sealed class CodeLine(IRenderable line) : Renderable
{
    private const string Marker = "↪ ";
    private static readonly Style MarkerStyle = new(Color.Grey);

    protected override Measurement Measure(RenderOptions options, int maxWidth)
    {
        var whole = line.Measure(options, int.MaxValue).Max;
        return new Measurement(Math.Min(whole, Marker.Length + 1), Math.Min(whole, maxWidth));
    }

    protected override IEnumerable<Segment> Render(RenderOptions options, int maxWidth)
    {
        var segments = line.Render(options, int.MaxValue).Where(s => !s.IsLineBreak).ToList();
        if (maxWidth <= Marker.Length + 1 || Segment.CellCount(segments) <= maxWidth)
        {
            return segments;
        }

        var rows = new List<Segment>();
        var room = maxWidth;
        foreach (var segment in segments)
        {
            var piece = new System.Text.StringBuilder();
            foreach (var rune in segment.Text.EnumerateRunes())
            {
                var character = rune.ToString();
                var width = character.GetCellWidth();
                if (width > room)
                {
                    rows.Add(new Segment(piece.ToString(), segment.Style));
                    piece.Clear();
                    rows.Add(Segment.LineBreak);
                    rows.Add(new Segment(Marker, MarkerStyle));
                    room = maxWidth - Marker.Length;
                }

                piece.Append(character);
                room -= width;
            }

            rows.Add(new Segment(piece.ToString(), segment.Style));
        }

        return rows;
    }
}
