using System.Diagnostics;
using OpenInterpreter.Core.Messages;
using OpenInterpreter.Core.Output;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace OpenInterpreter.Cli.Terminal;

/// <summary>
/// The output of a run as a terminal would show it: a bounded tail of its lines, a carriage return going back to the
/// start of the line (progress bars overwrite in place), tabs expanded, the line of the code now running, and a
/// spinner while the code runs quietly.
/// </summary>
internal sealed class LiveOutput(string code) : ILiveBlock
{
    private const int KeptLines = 400;
    private const int LiveLines = 20;
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);
    private readonly string[] _codeLines = code.Split('\n');
    private readonly Queue<string> _lines = new();
    private readonly AnsiStripper _stripper = new();
    private readonly Stopwatch _running = Stopwatch.StartNew();
    private TimeSpan _lastOutput = TimeSpan.Zero;
    private string _partial = "";
    private bool _returned;
    private long _dropped;
    private int? _activeLine;

    public void Add(LmcChunk chunk)
    {
        if (chunk.Format == LmcFormat.ActiveLine)
        {
            _activeLine = int.TryParse(chunk.Content, out var line) ? line : null;
            return;
        }

        var content = chunk.Content ?? "";
        _lastOutput = _running.Elapsed;
        var start = 0;
        for (var i = 0; i <= content.Length; i++)
        {
            if (i == content.Length || content[i] == '\r')
            {
                AddText(_stripper.Strip(content[start..i]));
                _returned |= i < content.Length;
                start = i + 1;
            }
        }
    }

    public IEnumerable<IRenderable> TakeFinished() => [];

    public IRenderable RenderLive() => Render(final: false);

    public IEnumerable<IRenderable> RenderFinal() => [Render(final: true)];

    private void AddText(string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        if (_returned)
        {
            // A carriage return not followed by a line end: what comes next overwrites the line.
            _returned = false;
            if (text[0] != '\n')
            {
                _partial = "";
            }
        }

        var parts = (_partial + text).Split('\n');
        for (var i = 0; i < parts.Length - 1; i++)
        {
            _lines.Enqueue(parts[i]);
            if (_lines.Count > KeptLines)
            {
                _lines.Dequeue();
                _dropped++;
            }
        }

        _partial = parts[^1].Length > 10_000 ? parts[^1][^10_000..] : parts[^1];
    }

    private Panel Render(bool final)
    {
        var lines = _lines.Concat(_partial.Length > 0 ? [_partial] : []).ToList();
        var shown = final ? lines : lines.TakeLast(LiveLines).ToList();
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

        rows.AddRange(shown.Select(l => new Text(CodePanel.ExpandTabs(l))));
        if (final && rows.Count == 0)
        {
            rows.Add(new Markup("[grey](no output)[/]"));
        }

        if (!final && _running.Elapsed - _lastOutput >= Quiet)
        {
            rows.Add(new Markup(Spinner.Line("running", _running.Elapsed)));
        }

        return new Panel(new Rows(rows)).Header(" [grey]output[/] ").Border(BoxBorder.Rounded).BorderColor(Color.Grey23).Expand();
    }
}
