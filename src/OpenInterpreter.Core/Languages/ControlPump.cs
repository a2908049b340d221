using System.Globalization;
using System.Text;
using System.Threading.Channels;

namespace OpenInterpreter.Core.Languages;

/// <summary>
/// Reads the driver's control FIFO and turns its lines ("ready", "start FENCE", "line N", "done FENCE STATUS MESSAGE")
/// into messages. Line reports are the only thing it may drop: when one read brings more than <see cref="LineBurst"/>
/// of them the code is looping too fast for anyone to follow and only the last is kept, and one that finds the channel
/// full is skipped rather than slowing the code down.
/// </summary>
internal sealed class ControlPump
{
    /// <summary>The line the host itself writes into the FIFO to end this reader (see <see cref="DriverProcess"/>).</summary>
    public const string StopLine = "\u0004stop";

    /// <summary>The most line reports passed on from one read.</summary>
    public const int LineBurst = 64;

    private readonly Stream _source;
    private readonly ChannelWriter<DriverMessage> _messages;
    private readonly MemoryStream _partial = new();
    private readonly List<LineReached> _lines = [];

    public ControlPump(Stream source, ChannelWriter<DriverMessage> messages)
    {
        _source = source;
        _messages = messages;
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
                    // Once the session closed the channel nobody listens, but the stop line must still be read.
                    _messages.Post(message);
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
        for (var i = first; i < _lines.Count; i++)
        {
            // Earlier reports may be dropped while the session is behind; the newest must arrive (waiting for room),
            // or the screen would keep a line the code has left: the sampler reports a line only when it changes.
            if (i == _lines.Count - 1)
            {
                _messages.Post(_lines[i]);
            }
            else
            {
                _messages.TryWrite(_lines[i]);
            }
        }

        _lines.Clear();
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
