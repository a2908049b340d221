using OpenInterpreter.Core.Messages;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace OpenInterpreter.Cli.Terminal;

/// <summary>
/// The terminal view: each message renders live while it streams (Markdown text, highlighted code, a tail of the
/// output with the running line), then stays on screen in full. A frame is drawn every 50 ms from a timer, not only
/// when a chunk comes, so output is on screen at once whatever comes next, and a spinner with the seconds waited
/// shows while the model has not answered yet or code runs quietly. Only the live lines are ever redrawn.
/// </summary>
internal sealed class RichConversationView : IConversationView
{
    private static readonly TimeSpan FrameInterval = TimeSpan.FromMilliseconds(50);
    private readonly IAnsiConsole _console;
    private readonly AnsiLines _lines;
    private readonly LiveRegion _live;
    private readonly object _gate = new();
    private ILiveBlock? _block;
    private LmcChunk? _blockStart;
    private Spinner? _waiting;
    private int _pauses;
    private string _lastCode = "";

    public RichConversationView(IAnsiConsole console, TextWriter output)
    {
        _console = console;
        _lines = new AnsiLines(console.Profile.Capabilities.ColorSystem);
        _live = new LiveRegion(output, () => console.Profile.Height);
    }

    /// <summary>What the spinner says it waits for, such as <c>waiting for gpt-4o</c>.</summary>
    public string WaitingLabel { get; init; } = "waiting for the model";

    private int Width => Math.Max(_console.Profile.Width, 20);

    /// <summary>The rows the live region may take (it keeps the window's last row for the cursor).</summary>
    private int LiveRows => Math.Max(_console.Profile.Height - 1, 1);

    public async Task ShowTurnAsync(IAsyncEnumerable<LmcChunk> chunks, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _waiting = new Spinner(WaitingLabel);
        }

        using var frames = new CancellationTokenSource();
        var drawing = DrawFramesAsync(frames.Token);
        try
        {
            await foreach (var chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                lock (_gate)
                {
                    Apply(chunk);
                }
            }
        }
        finally
        {
            await frames.CancelAsync().ConfigureAwait(false);
            await drawing.ConfigureAwait(false);
            lock (_gate)
            {
                _waiting = null;
                EndBlock();
                _live.Clear();
            }
        }
    }

    public void Error(string line) => WriteLine($"[red]{Markup.Escape(line)}[/]");

    public void Notice(string line) => WriteLine($"[grey]{Markup.Escape(line)}[/]");

    public void Verbose(string line) => WriteLine($"[grey dim]{Markup.Escape(line)}[/]");

    public void Status(string line) => WriteLine($"[grey dim]{Markup.Escape(line)}[/]");

    public void ShowCode(string language, string code)
    {
        lock (_gate)
        {
            _lastCode = code;
            _live.Commit(_lines.Render(CodePanel.Render(code, language, activeLine: null), Width));
        }
    }

    public IDisposable PauseLive()
    {
        lock (_gate)
        {
            _pauses++;
            _live.Clear();
        }

        return new LivePause(() =>
        {
            lock (_gate)
            {
                _pauses--;
            }
        });
    }

    /// <summary>Draws one frame now, as the timer does: for tests and the benchmark.</summary>
    internal void DrawFrame()
    {
        lock (_gate)
        {
            Draw();
        }
    }

    /// <summary>Feeds one chunk in, as a turn does: for tests and the benchmark.</summary>
    internal void Feed(LmcChunk chunk)
    {
        lock (_gate)
        {
            Apply(chunk);
        }
    }

    private void Apply(LmcChunk chunk)
    {
        if (chunk is { Type: LmcType.Image, Format: LmcFormat.Path, Content: { } path })
        {
            _live.Commit(_lines.Render(new Markup($"[grey]Image: {Markup.Escape(path)}[/]"), Width));
            return;
        }

        if (chunk.Start)
        {
            ILiveBlock? block = chunk switch
            {
                { Type: LmcType.Message } => new LiveText(),
                { Type: LmcType.Code } => new LiveCode(chunk.Format),
                { Type: LmcType.Console, Format: LmcFormat.Output } => new LiveOutput(_lastCode),
                _ => null,
            };
            if (block is not null)
            {
                EndBlock();
                _waiting = null;
                _block = block;
                _blockStart = chunk;
            }

            return;
        }

        if (_block is null || _blockStart is null)
        {
            return;
        }

        if (chunk.End && chunk.SameKindAs(_blockStart))
        {
            if (chunk.Run is not null)
            {
                _block.Add(chunk); // how the run ended, shown at the foot of its output
            }

            var output = _block is LiveOutput;
            EndBlock();
            if (output)
            {
                // The output goes back to the model, which thinks before it answers.
                _waiting = new Spinner(WaitingLabel);
            }

            return;
        }

        if (chunk.SameKindAs(_blockStart) || (_block is LiveOutput && chunk.Format == LmcFormat.ActiveLine))
        {
            _block.Add(chunk);
        }
    }

    /// <summary>Writes the block that ends for good; the live lines go.</summary>
    private void EndBlock()
    {
        if (_block is null)
        {
            return;
        }

        var lines = new List<string>();
        foreach (var finished in _block.TakeFinished())
        {
            lines.AddRange(_lines.Render(finished, Width));
        }

        foreach (var final in _block.RenderFinal(Width))
        {
            lines.AddRange(_lines.Render(final, Width));
        }
        if (_block is LiveCode code)
        {
            _lastCode = code.Code;
        }

        _live.Commit(lines);
        _block = null;
        _blockStart = null;
    }

    private void Draw()
    {
        if (_pauses > 0)
        {
            return;
        }

        var width = Width;
        var lines = new List<string>();
        if (_block is not null)
        {
            var finished = new List<string>();
            foreach (var block in _block.TakeFinished())
            {
                finished.AddRange(_lines.Render(block, width));
            }

            if (finished.Count > 0)
            {
                _live.Commit(finished);
            }

            lines.AddRange(_lines.Render(_block.RenderLive(width, LiveRows), width));
        }

        if (_waiting is not null)
        {
            lines.AddRange(_lines.Render(new Markup(_waiting.Markup()), width));
        }

        if (lines.Count > 0 || _live.Drawn > 0)
        {
            _live.Show(lines);
        }
    }

    private async Task DrawFramesAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(FrameInterval);
        try
        {
            // The first frame after one interval: a reply shown again (a continued conversation) or one that comes at
            // once never flashes a spinner.
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                lock (_gate)
                {
                    Draw();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void WriteLine(string markup)
    {
        lock (_gate)
        {
            _live.Commit(_lines.Render(new Markup(markup), Width));
        }
    }
}
