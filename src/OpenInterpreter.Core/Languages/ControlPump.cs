using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;

namespace OpenInterpreter.Core.Languages;

/// <summary>
/// Reads the driver's control FIFO and turns its lines ("ready", "start FENCE", "line N", "done FENCE STATUS MESSAGE")
/// into messages. Line reports are the only thing it may drop: when one read brings more than <see cref="LineBurst"/>
/// of them the code is looping too fast for anyone to follow and only the last is kept, and one that finds the channel
/// full is skipped rather than slowing the code down. After a cell's first <see cref="LineBurst"/> reports, the rest
/// pass at most one per <see cref="LineInterval"/>: a loop the driver still traces exactly would otherwise wake the
/// session (a thread-pool hop, and its spinning) for every line it changes to, thousands of times in its first
/// milliseconds. The newest report held back is sent when the interval is over, so the line the code stays on is shown.
/// </summary>
internal sealed class ControlPump
{
    /// <summary>The line the host itself writes into the FIFO to end this reader (see <see cref="DriverProcess"/>).</summary>
    public const string StopLine = "\u0004stop";

    /// <summary>The most line reports passed on from one read, and the reports of a cell passed on before the rest are
    /// paced.</summary>
    public const int LineBurst = 64;

    /// <summary>How often, at most, a cell's paced line reports reach the session: faster than anyone reads a line.</summary>
    public static readonly TimeSpan LineInterval = TimeSpan.FromMilliseconds(20);

    private readonly Stream _source;
    private readonly ChannelWriter<DriverMessage> _messages;
    private readonly MemoryStream _partial = new();
    private readonly List<LineReached> _lines = [];
    private readonly Lock _gate = new();
    private readonly Timer _heldTimer;
    private LineReached? _held;
    private int _cellLines;
    private long _lastLineAt;

    public ControlPump(Stream source, ChannelWriter<DriverMessage> messages)
    {
        _source = source;
        _messages = messages;
        _heldTimer = new Timer(_ => SendHeld());
    }

    /// <summary>Starts reading on a background thread.</summary>
    public Thread Start()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "oi-control-pump" };
        thread.Start();
        return thread;
    }

    private void Run()
    {
        // Big enough that a burst of line reports is read, and coalesced, at once.
        var buffer = new byte[65536];
        while (true)
        {
            int read;
            try
            {
                read = _source.Read(buffer);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                return;
            }

            if (read == 0 || !Dispatch(buffer.AsSpan(0, read)))
            {
                _heldTimer.Dispose();
                return;
            }
        }
    }

    /// <summary>Handles the complete lines in what was read; false when the stop line came.</summary>
    private bool Dispatch(ReadOnlySpan<byte> bytes)
    {
        while (bytes.IndexOf((byte)'\n') is var end and >= 0)
        {
            _partial.Write(bytes[..end]);
            bytes = bytes[(end + 1)..];
            var text = Encoding.UTF8.GetString(_partial.GetBuffer(), 0, (int)_partial.Length);
            _partial.SetLength(0);
            if (text == StopLine)
            {
                return false;
            }

            switch (Parse(text))
            {
                case LineReached line:
                    _lines.Add(line);
                    break;
                case { } message:
                    FlushLines();
                    lock (_gate)
                    {
                        // The held line goes first: it was reported before this message.
                        SendHeldLocked();
                        _cellLines = message is CellStarted ? 0 : _cellLines;
                        // Once the session closed the channel nobody listens, but the stop line must still be read.
                        _messages.Post(message);
                    }

                    break;
            }
        }

        _partial.Write(bytes);
        FlushLines();
        return true;
    }

    private void FlushLines()
    {
        var first = _lines.Count > LineBurst ? _lines.Count - 1 : 0;
        lock (_gate)
        {
            for (var i = first; i < _lines.Count; i++)
            {
                if (_cellLines < LineBurst)
                {
                    _cellLines++;
                    Send(_lines[i], newest: i == _lines.Count - 1);
                    continue;
                }

                var wait = LineInterval - Stopwatch.GetElapsedTime(_lastLineAt);
                if (wait <= TimeSpan.Zero)
                {
                    _held = null;
                    Send(_lines[i], newest: i == _lines.Count - 1);
                }
                else
                {
                    if (_held is null)
                    {
                        _heldTimer.Change(wait, Timeout.InfiniteTimeSpan);
                    }

                    _held = _lines[i];
                }
            }
        }

        _lines.Clear();
    }

    private void Send(LineReached line, bool newest)
    {
        _lastLineAt = Stopwatch.GetTimestamp();
        // Earlier reports may be dropped while the session is behind; the newest must arrive (waiting for room),
        // or the screen would keep a line the code has left: the sampler reports a line only when it changes.
        if (newest)
        {
            _messages.Post(line);
        }
        else
        {
            _messages.TryWrite(line);
        }
    }

    private void SendHeld()
    {
        lock (_gate)
        {
            SendHeldLocked();
        }
    }

    private void SendHeldLocked()
    {
        if (_held is { } line)
        {
            _held = null;
            Send(line, newest: true);
        }
    }

    /// <summary>The message a control line stands for, or null for a line this host does not know.</summary>
    internal static DriverMessage? Parse(string line)
    {
        var fields = line.Split('\t');
        return fields[0] switch
        {
            "ready" => new DriverReady(),
            "start" when fields.Length >= 2 => new CellStarted(fields[1]),
            "line" when fields.Length >= 2 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                => new LineReached(number),
            "image" when fields.Length >= 2 && fields[1].Length > 0 => new ImageSaved(fields[1]),
            "done" when fields.Length >= 3 && ParseOutcome(fields[2]) is { } outcome
                => new CellDone(fields[1], outcome, fields.Length >= 4 ? fields[3] : ""),
            _ => null,
        };
    }

    private static CellOutcome? ParseOutcome(string text) => text switch
    {
        "ok" => CellOutcome.Ok,
        "error" => CellOutcome.Error,
        "interrupted" => CellOutcome.Interrupted,
        _ => null,
    };
}
