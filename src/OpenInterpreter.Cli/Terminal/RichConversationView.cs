using System.Diagnostics;
using OpenInterpreter.Core.Messages;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace OpenInterpreter.Cli.Terminal;

/// <summary>
/// The terminal view: each message renders live while it streams (Markdown text, highlighted code, a tail of the
/// output with the running line), then stays on screen in full.
/// </summary>
internal sealed class RichConversationView(IAnsiConsole console) : IConversationView
{
    private static readonly TimeSpan FrameInterval = TimeSpan.FromMilliseconds(40);
    private string _lastCode = "";

    public async Task ShowTurnAsync(IAsyncEnumerable<LmcChunk> chunks, CancellationToken cancellationToken)
    {
        await using var stream = chunks.GetAsyncEnumerator(cancellationToken);
        while (await stream.MoveNextAsync().ConfigureAwait(false))
        {
            var chunk = stream.Current;
            if (chunk is { Type: LmcType.Image, Format: LmcFormat.Path, Content: { } path })
            {
                console.MarkupLine($"[grey]Image: {Markup.Escape(path)}[/]");
                continue;
            }

            ILiveBlock? block = chunk switch
            {
                { Type: LmcType.Message, Start: true } => new TextBlock(),
                { Type: LmcType.Code, Start: true } => new CodeBlock(chunk.Format),
                { Type: LmcType.Console, Format: LmcFormat.Output, Start: true } => new OutputBlock(_lastCode),
                _ => null,
            };
            if (block is not null)
            {
                await ShowLiveAsync(block, chunk, stream).ConfigureAwait(false);
                if (block is CodeBlock code)
                {
                    _lastCode = code.Code;
                }
            }
        }
    }

    /// <summary>Feeds chunks to <paramref name="block"/> until its end chunk, refreshing the live display as they come.</summary>
    private async Task ShowLiveAsync(ILiveBlock block, LmcChunk start, IAsyncEnumerator<LmcChunk> stream)
    {
        try
        {
            await console.Live(block.Render(final: false))
                .AutoClear(true)
                .Overflow(VerticalOverflow.Ellipsis)
                .Cropping(VerticalOverflowCropping.Top)
                .StartAsync(async context =>
                {
                    var clock = Stopwatch.StartNew();
                    while (await stream.MoveNextAsync().ConfigureAwait(false))
                    {
                        var chunk = stream.Current;
                        if (chunk.End && chunk.SameKindAs(start))
                        {
                            return;
                        }

                        block.Add(chunk);
                        if (clock.Elapsed >= FrameInterval)
                        {
                            context.UpdateTarget(block.Render(final: false));
                            clock.Restart();
                        }
                    }
                }).ConfigureAwait(false);
        }
        finally
        {
            console.Write(block.Render(final: true));
        }
    }

    public void Error(string line) => console.MarkupLine($"[red]{Markup.Escape(line)}[/]");

    public void Notice(string line) => console.MarkupLine($"[grey]{Markup.Escape(line)}[/]");

    public void Verbose(string line) => console.MarkupLine($"[grey dim]{Markup.Escape(line)}[/]");

    public void ShowCode(string language, string code)
    {
        _lastCode = code;
        console.Write(CodePanel.Render(code, language, activeLine: null));
    }

    /// <summary>One message being shown live.</summary>
    private interface ILiveBlock
    {
        void Add(LmcChunk chunk);

        IRenderable Render(bool final);
    }

    private sealed class TextBlock : ILiveBlock
    {
        private readonly System.Text.StringBuilder _text = new();

        public void Add(LmcChunk chunk) => _text.Append(chunk.Content);

        public IRenderable Render(bool final) => MarkdownView.Render(_text.ToString());
    }

    private sealed class CodeBlock(string? language) : ILiveBlock
    {
        private readonly System.Text.StringBuilder _code = new();

        public string Code => _code.ToString();

        public void Add(LmcChunk chunk) => _code.Append(chunk.Content);

        public IRenderable Render(bool final) => CodePanel.Render(Code, language, activeLine: null);
    }

    /// <summary>The output of a run: a bounded tail of its lines, and the line of the code now running.</summary>
    private sealed class OutputBlock(string code) : ILiveBlock
    {
        private const int KeptLines = 400;
        private const int LiveLines = 20;
        private readonly string[] _codeLines = code.Split('\n');
        private readonly Queue<string> _lines = new();
        private readonly Core.Output.AnsiStripper _stripper = new();
        private string _partial = "";
        private long _dropped;
        private int? _activeLine;

        public void Add(LmcChunk chunk)
        {
            if (chunk.Format == LmcFormat.ActiveLine)
            {
                _activeLine = int.TryParse(chunk.Content, out var line) ? line : null;
                return;
            }

            var text = _partial + _stripper.Strip(chunk.Content ?? "");
            var parts = text.Split('\n');
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

        public IRenderable Render(bool final)
        {
            var lines = _lines.Concat(_partial.Length > 0 ? [_partial] : []).ToList();
            var shown = final ? lines : lines.TakeLast(LiveLines).ToList();
            var hidden = _dropped + lines.Count - shown.Count;
            var rows = new List<IRenderable>();
            if (!final && _activeLine is { } active && active >= 1 && active <= _codeLines.Length)
            {
                rows.Add(new Markup($"[black on yellow] ▶ line {active}: {Markup.Escape(_codeLines[active - 1].Trim())} [/]"));
            }

            if (hidden > 0)
            {
                rows.Add(new Markup($"[grey]… {hidden:N0} earlier lines not shown[/]"));
            }

            rows.AddRange(shown.Select(l => new Text(l)));
            if (rows.Count == 0)
            {
                rows.Add(new Markup(final ? "[grey](no output)[/]" : "[grey]running…[/]"));
            }

            return new Panel(new Rows(rows)).Header(" [grey]output[/] ").Border(BoxBorder.Rounded).BorderColor(Color.Grey23).Expand();
        }
    }
}
