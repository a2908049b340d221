using System.Threading.Channels;

namespace OpenInterpreter.Cli.Terminal;

/// <summary>
/// The user's input, one line per request: from a <see cref="LineEditor"/> at a terminal, or from a pipe or file,
/// read on a thread of its own so that a wait for a line can be cancelled (Ctrl-C) without losing the line that
/// arrives later. After the end of a pipe every read returns null; at a terminal Ctrl-D only ends that one read.
/// </summary>
internal sealed class LineReader : IDisposable
{
    private readonly LineEditor? _editor;
    private readonly TerminalKeys? _keys;
    private readonly TextWriter? _prompt;
    private readonly Func<string?>? _readLine;
    private readonly SemaphoreSlim _requests = new(0);
    private readonly Channel<string?> _lines = Channel.CreateUnbounded<string?>();
    private int _pending;

    /// <summary>Lines from <paramref name="input"/>; prompts go to <paramref name="prompt"/> (null: not shown).</summary>
    public LineReader(TextReader input, TextWriter? prompt = null)
    {
        _readLine = input.ReadLine;
        _prompt = prompt;
        new Thread(ReadLoop) { IsBackground = true, Name = "input" }.Start();
    }

    /// <summary>Lines typed at the terminal, edited with <paramref name="editor"/> over <paramref name="keys"/>.</summary>
    public LineReader(LineEditor editor, TerminalKeys keys)
    {
        _editor = editor;
        _keys = keys;
    }

    /// <summary>The terminal's keys, when the lines come from a line editor; for selection lists.</summary>
    public TerminalKeys? Keys => _keys;

    /// <summary>True when the lines come from a terminal's line editor.</summary>
    public bool IsTerminal => _editor is not null;

    /// <summary>The next line, typed after a question already shown, or null at end of input.</summary>
    public Task<string?> ReadLineAsync(CancellationToken cancellationToken) => ReadLineAsync("", answer: true, cancellationToken);

    /// <summary>Shows <paramref name="prompt"/> and returns the next line, or null at end of input.</summary>
    public async Task<string?> ReadLineAsync(string prompt, bool answer, CancellationToken cancellationToken)
    {
        if (_editor is not null)
        {
            return await _editor.ReadLineAsync(prompt, answer, cancellationToken).ConfigureAwait(false);
        }

        if (_prompt is not null && prompt.Length > 0)
        {
            await _prompt.WriteAsync(prompt).ConfigureAwait(false);
            await _prompt.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        // One read is asked for unless an earlier, cancelled request already has one under way.
        if (Interlocked.CompareExchange(ref _pending, 1, 0) == 0)
        {
            _requests.Release();
        }

        try
        {
            var line = await _lines.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _pending, 0);
            return line;
        }
        catch (ChannelClosedException)
        {
            // The input ended before: every later read is at its end too (Ctrl-D at a question, then the prompt).
            return null;
        }
    }

    /// <summary>Keeps <paramref name="message"/> in the prompt history as one entry (a multi-line message).</summary>
    public void Remember(string message) => _editor?.Remember(message);

    /// <summary>Ctrl-C at the prompt, where it clears the line instead of stopping anything; false when not at a terminal.</summary>
    public bool Interrupt()
    {
        _keys?.Interrupt();
        return _keys is not null;
    }

    /// <summary>Lets another program (an editor) have the terminal until the result is disposed.</summary>
    public IDisposable Suspend() => _keys?.Suspend() ?? new Nothing();

    public void Dispose()
    {
        _keys?.Dispose();
        _requests.Dispose();
    }

    private void ReadLoop()
    {
        try
        {
            while (true)
            {
                _requests.Wait();
                var line = _readLine!();
                _lines.Writer.TryWrite(line);
                if (line is null)
                {
                    _lines.Writer.TryComplete();
                    return;
                }
            }
        }
        catch (ObjectDisposedException)
        {
            _lines.Writer.TryComplete();
        }
    }

    private sealed class Nothing : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
