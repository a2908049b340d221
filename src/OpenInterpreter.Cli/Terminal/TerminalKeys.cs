using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Channels;

namespace OpenInterpreter.Cli.Terminal;

/// <summary>
/// The keys the user presses, read from the terminal in raw mode on a thread of its own for the whole session, so
/// nothing typed is lost or echoed over a streaming reply: keys typed early wait for the next prompt (type-ahead).
/// Escape sequences become arrow, Home/End and Delete keys. Reading stops while an editor owns the terminal.
/// </summary>
internal sealed partial class TerminalKeys : IDisposable
{
    private const char CtrlC = '\u0003';
    private readonly Channel<ConsoleKeyInfo> _keys = Channel.CreateUnbounded<ConsoleKeyInfo>();
    private readonly List<ConsoleKeyInfo> _held = [];
    private readonly object _gate = new();
    private readonly Decoder _utf8 = new UTF8Encoding(false).GetDecoder();
    private Thread? _reader;
    private PosixSignalRegistration? _resumed;
    private bool _suspended;
    private volatile bool _disposed;

    /// <summary>A Ctrl-C key, as <see cref="Interrupt"/> puts in.</summary>
    public static bool IsInterrupt(ConsoleKeyInfo key) => key.KeyChar == CtrlC;

    /// <summary>
    /// The next key; the first call turns raw mode on and starts reading. Keys set aside by <see cref="HoldTypeAhead"/>
    /// come first, except for an <paramref name="answer"/>, which only takes keys pressed after it was asked.
    /// </summary>
    public async ValueTask<ConsoleKeyInfo> ReadKeyAsync(bool answer, CancellationToken cancellationToken)
    {
        Start();
        lock (_gate)
        {
            if (!answer && _held.Count > 0)
            {
                var key = _held[0];
                _held.RemoveAt(0);
                return key;
            }
        }

        return await _keys.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets the keys typed so far aside for the next prompt, so that an answer is only what is typed after its question.</summary>
    public void HoldTypeAhead()
    {
        lock (_gate)
        {
            while (_keys.Reader.TryRead(out var key))
            {
                _held.Add(key);
            }
        }
    }

    /// <summary>Ctrl-C pressed while this reads (the terminal sends it as SIGINT, not as a key).</summary>
    public void Interrupt() => _keys.Writer.TryWrite(new ConsoleKeyInfo(CtrlC, ConsoleKey.C, false, false, true));

    /// <summary>Hands the terminal to another program (an editor) until the result is disposed.</summary>
    public IDisposable Suspend()
    {
        lock (_gate)
        {
            _suspended = true;
            RawMode.Leave();
        }

        return new Resumption(this);
    }

    public void Dispose()
    {
        _disposed = true;
        _resumed?.Dispose();
        RawMode.Leave();
    }

    /// <summary>Turns raw mode on and starts reading, before a prompt is drawn, so no key typed after it is echoed or held back.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_reader is not null)
            {
                return;
            }

            RawMode.Enter();
            // However the program ends (SIGTERM too), the terminal gets its own settings back.
            AppDomain.CurrentDomain.ProcessExit += (_, _) => RawMode.Leave();
            // A shell that resumes the program after Ctrl-Z gives the terminal its own settings back.
            _resumed = PosixSignalRegistration.Create(PosixSignal.SIGCONT, _ =>
            {
                lock (_gate)
                {
                    if (!_suspended && !_disposed)
                    {
                        RawMode.Enter();
                    }
                }
            });
            _reader = new Thread(ReadLoop) { IsBackground = true, Name = "keys" };
            _reader.Start();
        }
    }

    private void ReadLoop()
    {
        var buffer = new byte[256];
        var chars = new char[512];
        var poll = new PollFd { Fd = 0, Events = PollIn };
        while (!_disposed)
        {
            poll.Revents = 0;
            if (Poll(ref poll, 1, 100) <= 0)
            {
                continue;
            }

            int read;
            lock (_gate)
            {
                // Checked under the lock an editor takes: a key meant for the editor is never read here.
                if (_suspended)
                {
                    continue;
                }

                read = (int)ReadBytes(0, buffer, buffer.Length);
            }

            if (read <= 0)
            {
                if (read == 0)
                {
                    // End of the terminal (the window closed): Ctrl-D, so the prompt ends.
                    _keys.Writer.TryWrite(new ConsoleKeyInfo('\u0004', ConsoleKey.D, false, false, true));
                    return;
                }

                Thread.Sleep(50);
                continue;
            }

            var count = _utf8.GetChars(buffer, 0, read, chars, 0);
            foreach (var key in KeyDecoder.Decode(chars.AsSpan(0, count)))
            {
                _keys.Writer.TryWrite(key);
            }
        }
    }

    private void Resume()
    {
        lock (_gate)
        {
            _suspended = false;
            RawMode.Enter();
        }
    }

    private const short PollIn = 1;

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(ref PollFd fds, nuint count, int timeout);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    private static partial nint ReadBytes(int fd, byte[] buffer, nint count);

    private sealed class Resumption(TerminalKeys keys) : IDisposable
    {
        public void Dispose() => keys.Resume();
    }
}
