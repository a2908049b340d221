using System.Threading.Channels;

namespace OpenInterpreter.Cli.Terminal;

/// <summary>
/// Reads lines from the user's input on a thread of its own, one line per request, so a wait for a line can be
/// cancelled (Ctrl-C) without losing the line that arrives later, and nothing is read while an editor owns the terminal.
/// </summary>
internal sealed class LineReader : IDisposable
{
    private readonly Func<string?> _readLine;
    private readonly SemaphoreSlim _requests = new(0);
    private readonly Channel<string?> _lines = Channel.CreateUnbounded<string?>();
    private int _pending;

    public LineReader(TextReader input)
        : this(input.ReadLine)
    {
    }

    /// <summary>Reads with <paramref name="readLine"/>, such as a <see cref="LineEditor"/> at a terminal.</summary>
    public LineReader(Func<string?> readLine)
    {
        _readLine = readLine;
        new Thread(ReadLoop) { IsBackground = true, Name = "input" }.Start();
    }

    /// <summary>The next line, or null at end of input.</summary>
    public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        // One read is asked for unless an earlier, cancelled request already has one under way.
        if (Interlocked.CompareExchange(ref _pending, 1, 0) == 0)
        {
            _requests.Release();
        }

        var line = await _lines.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _pending, 0);
        return line;
    }

    public void Dispose() => _requests.Dispose();

    private void ReadLoop()
    {
        try
        {
            while (true)
            {
                _requests.Wait();
                var line = _readLine();
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
}
