using System.Diagnostics;
using OpenInterpreter.Core.Messages;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace OpenInterpreter.Cli.Terminal;

/// <summary>
/// The output of a run as a terminal would show it: a bounded tail of its lines in the program's own colours,
/// standard error in red, a carriage return going back to the start of the line (progress bars overwrite in place),
/// tabs expanded, the line of the code now running, and a spinner while the code runs quietly. At the end it says
/// how a run that failed ended (<c>✗ exit status 2</c>) and, when it shows only the tail, where the whole output is.
/// </summary>
internal sealed class LiveOutput(string code) : ILiveBlock
{
    private const int KeptLines = 400;
    private const int LiveLines = 20;

    /// <summary>
    /// The most rows the kept lines take on screen at the end: 400 lines of 1 KiB were 3,600 rows, laid out cell by
    /// cell for a second of a flood's end; the lines that do not fit are counted with those not kept.
    /// </summary>
    private const int FinalRows = KeptLines;
    private const int MaxLineChars = 10_000;
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

    // Palette colour 1: the terminal's own red, so standard error stands out in any colour scheme.
    private static readonly Color StderrColor = Color.FromInt32(1);

    private readonly string[] _codeLines = code.Split('\n');
    private readonly Queue<List<StyledRun>> _lines = new();
    private readonly SgrStyleParser _styles = new();
    private readonly Stopwatch _running = Stopwatch.StartNew();
    private TimeSpan _lastOutput = TimeSpan.Zero;
    private List<StyledRun> _partial = [];
    private int _partialLength;
    private bool _returned;
    private long _dropped;
    private int? _activeLine;
    private RunSummary? _summary;

    public void Add(LmcChunk chunk)
    {
        if (chunk.Run is { } summary)
        {
            _summary = summary;
            return;
        }

        if (chunk.Format == LmcFormat.ActiveLine)
        {
            _activeLine = int.TryParse(chunk.Content, out var line) ? line : null;
            return;
        }

        _lastOutput = _running.Elapsed;
        var stderr = chunk.Stream == LmcStream.Stderr;
        foreach (var run in _styles.Parse(chunk.Content ?? ""))
        {
            var style = stderr && run.Style.Foreground == Color.Default ? new Style(StderrColor, run.Style.Background, run.Style.Decoration) : run.Style;
            var text = run.Text;
            var start = SkipDroppedLines(text);
            while (start <= text.Length)
            {
                var end = text.AsSpan(start).IndexOfAny('\n', '\r');
                if (end < 0)
                {
                    AddText(start == 0 ? text : text[start..], style);
                    break;
                }

                AddText(text.Substring(start, end), style);
                AddControl(text[start + end]);
                start += end + 1;
            }
        }
    }

    /// <summary>
    /// Where in <paramref name="text"/> the lines begin that are still kept once it is added: a flood brings far more
    /// lines than are kept, and the ones it pushes out are only counted, not built. Past a line end nothing before
    /// it matters (a carriage return cannot reach back over it), so starting there keeps exactly what adding every
    /// line would.
    /// </summary>
    private int SkipDroppedLines(string text)
    {
        var ends = text.AsSpan().Count('\n');
        if (ends <= KeptLines)
        {
            return 0;
        }

        // Of the text's lines, the first ends - KeptLines go, with all the lines kept before and the open one.
        var start = 0;
        for (var i = 0; i < ends - KeptLines; i++)
        {
            start = text.IndexOf('\n', start) + 1;
        }

        _dropped += _lines.Count + (ends - KeptLines);
        _lines.Clear();
        _partial = [];
        _partialLength = 0;
        _returned = false;
        return start;
    }

    public IEnumerable<IRenderable> TakeFinished() => [];

    public IRenderable RenderLive(int width, int rows) => Render(final: false, width, rows);

    public IEnumerable<IRenderable> RenderFinal(int width) => [Render(final: true, width, FinalRows)];

    private void AddControl(char control)
    {
        if (control == '\r')
        {
            _returned = true;
            return;
        }

        // A line end, after a carriage return or not, ends the line as it stands.
        _returned = false;
        _lines.Enqueue(_partial);
        if (_lines.Count > KeptLines)
        {
            _lines.Dequeue();
            _dropped++;
        }

        _partial = [];
        _partialLength = 0;
    }

    private void AddText(string text, Style style)
    {
        if (text.Length == 0)
        {
            return;
        }

        if (_returned)
        {
            // A carriage return not followed by a line end: what comes next overwrites the line.
            _returned = false;
            _partial = [];
            _partialLength = 0;
        }

        if (_partial.Count > 0 && _partial[^1].Style.Equals(style))
        {
            // One run per style, not one per write: a line printed a character at a time stays one piece.
            _partial[^1] = _partial[^1] with { Text = _partial[^1].Text + text };
        }
        else
        {
            _partial.Add(new StyledRun(text, style));
        }

        _partialLength += text.Length;
        while (_partialLength > MaxLineChars && _partial.Count > 0)
        {
            // A line that never ends keeps only its last characters, so memory stays bounded.
            var excess = _partialLength - MaxLineChars;
            var first = _partial[0];
            if (first.Text.Length <= excess)
            {
                _partial.RemoveAt(0);
                _partialLength -= first.Text.Length;
            }
            else
            {
                _partial[0] = first with { Text = first.Text[excess..] };
                _partialLength -= excess;
            }
        }
    }

    private Panel Render(bool final, int width, int windowRows)
    {
        var lines = _lines.Concat(_partialLength > 0 ? [_partial] : []).ToList();
        var shown = final ? Fitting(lines, width, windowRows) : Visible(lines.TakeLast(LiveLines).ToList(), width, windowRows);
        var hidden = _dropped + lines.Count - shown.Count;
        var rows = new List<IRenderable>();
        if (!final && _activeLine is { } active && active >= 1 && active <= _codeLines.Length)
        {
            rows.Add(new Markup($"[black on yellow] ▶ line {active}: {Markup.Escape(CodePanel.ExpandTabs(_codeLines[active - 1].Trim()))} [/]"));
        }

        if (hidden > 0)
        {
            rows.Add(new Markup($"[grey]… {hidden:N0} earlier lines not shown[/]"));
        }

        rows.AddRange(shown.Select(Line));
        if (final && rows.Count == 0)
        {
            rows.Add(new Markup("[grey](no output)[/]"));
        }

        if (final && _summary is { } summary)
        {
            rows.AddRange(Outcome(summary, hidden > 0));
        }

        if (!final && _running.Elapsed - _lastOutput >= Quiet)
        {
            rows.Add(new Markup(Spinner.Line("running", _running.Elapsed)));
        }

        return new Panel(new Rows(rows)).Header(" [grey]output[/] ").Border(BoxBorder.Rounded).BorderColor(Color.Grey23).Expand();
    }

    /// <summary>
    /// Of the live tail, the lines that reach into the window's <paramref name="rows"/> once wrapped (the live region
    /// crops the rest off the top): a flood of long lines was laid out in full, cell by cell, 20 times a second only to
    /// be cropped, and held the view's lock while the output waited. The top line may lose whole rows from its start.
    /// </summary>
    private static List<List<StyledRun>> Visible(List<List<StyledRun>> lines, int width, int rows)
    {
        var inner = InnerWidth(width);
        var budget = (long)rows * inner;
        var first = lines.Count;
        long cells = 0;
        while (first > 0 && cells < budget)
        {
            first--;
            cells += RowsOf(lines[first], inner) * (long)inner;
        }

        var shown = lines.GetRange(first, lines.Count - first);
        if (cells > budget && shown.Count > 0)
        {
            // Whole rows of the top line that would be cropped anyway: its wrapping below them stays as it was.
            shown[0] = WithoutFirst(shown[0], (int)((cells - budget) / inner * inner));
        }

        return shown;
    }

    /// <summary>The last whole lines that fit in <paramref name="rows"/> once wrapped (the last one always).</summary>
    private static List<List<StyledRun>> Fitting(List<List<StyledRun>> lines, int width, int rows)
    {
        var inner = InnerWidth(width);
        var first = lines.Count;
        long taken = 0;
        while (first > 0)
        {
            var needs = RowsOf(lines[first - 1], inner);
            if (taken + needs > rows && first < lines.Count)
            {
                break;
            }

            taken += needs;
            first--;
        }

        return lines.GetRange(first, lines.Count - first);
    }

    /// <summary>The panel's width inside its border and padding.</summary>
    private static int InnerWidth(int width) => Math.Max(width - 4, 1);

    /// <summary>The rows <paramref name="line"/> takes once wrapped to <paramref name="inner"/> columns (an empty line one).</summary>
    private static int RowsOf(List<StyledRun> line, int inner) =>
        Math.Max((line.Sum(run => run.Text.Length) + inner - 1) / inner, 1);

    private static List<StyledRun> WithoutFirst(List<StyledRun> line, int characters)
    {
        var rest = new List<StyledRun>();
        foreach (var run in line)
        {
            if (characters >= run.Text.Length)
            {
                characters -= run.Text.Length;
                continue;
            }

            rest.Add(characters > 0 ? run with { Text = run.Text[characters..] } : run);
            characters = 0;
        }

        return rest;
    }

    /// <summary>How the run ended, when that is news: a failure or an interruption, and the file when lines were left out.</summary>
    private static IEnumerable<IRenderable> Outcome(RunSummary summary, bool tailOnly)
    {
        if (summary.IsFailure)
        {
            yield return new Markup($"[red]✗ {Markup.Escape(summary.Error ?? summary.Status)}[/]");
        }
        else if (summary.Status == RunSummary.Interrupted)
        {
            yield return new Markup($"[yellow]■ {Markup.Escape(summary.Error ?? "interrupted")}[/]");
        }

        if (tailOnly && summary.FullOutputPath is { } path)
        {
            yield return new Markup($"[grey]The whole output is in {Markup.Escape(path)}[/]");
        }
    }

    /// <summary>One line of output in its styles, tabs expanded to the columns they reach across the runs.</summary>
    private static Paragraph Line(List<StyledRun> runs)
    {
        var paragraph = new Paragraph();
        var column = 0;
        foreach (var run in runs)
        {
            var text = CodePanel.ExpandTabs(run.Text, column);
            column += text.Length;
            paragraph.Append(text, run.Style);
        }

        if (column == 0)
        {
            paragraph.Append(" ");
        }

        return paragraph;
    }
}
