namespace OpenInterpreter.Core.Models;

/// <summary>
/// Passes a server-sent event stream through line by line, with every <c>"finish_reason"</c> whose string value the
/// OpenAI API does not define replaced by <c>null</c> (see <see cref="FinishReasonFilter"/>). A line is held until its
/// end has come, so a value split across reads is still seen.
/// </summary>
internal sealed class FinishReasonStream(Stream inner) : ResponseBodyStream(inner)
{
    private static readonly byte[] Key = "\"finish_reason\""u8.ToArray();
    private static readonly byte[][] Known = ["stop"u8.ToArray(), "length"u8.ToArray(), "tool_calls"u8.ToArray(), "content_filter"u8.ToArray(), "function_call"u8.ToArray()];

    private readonly byte[] _read = new byte[16384];
    private byte[] _line = new byte[4096];
    private int _lineLength;
    private byte[] _ready = new byte[4096];
    private int _readyStart;
    private int _readyEnd;
    private bool _ended;

    public override int Read(Span<byte> buffer)
    {
        while (_readyStart == _readyEnd && !_ended)
        {
            Take(_read.AsSpan(0, Inner.Read(_read)));
        }

        return Hand(buffer);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_readyStart == _readyEnd && !_ended)
        {
            Take(_read.AsSpan(0, await Inner.ReadAsync(_read, cancellationToken).ConfigureAwait(false)));
        }

        return Hand(buffer.Span);
    }

    /// <summary>The line with each undefined finish reason's string replaced by null; the line itself when it has none.</summary>
    internal static ReadOnlySpan<byte> Filter(ReadOnlySpan<byte> line)
    {
        byte[]? rewritten = null;
        var length = 0;
        var copied = 0;
        for (var at = line.IndexOf(Key); at >= 0;)
        {
            var value = ValueAfter(line, at + Key.Length);
            if (value is var (start, end) && !IsKnown(line[(start + 1)..(end - 1)]))
            {
                // Each replacement grows the line by at most two bytes ("" becomes null), and each takes a key's length.
                rewritten ??= new byte[line.Length * 2 + 8];
                line[copied..start].CopyTo(rewritten.AsSpan(length));
                length += start - copied;
                "null"u8.CopyTo(rewritten.AsSpan(length));
                length += 4;
                copied = end;
            }

            var next = line[(at + Key.Length)..].IndexOf(Key);
            at = next < 0 ? -1 : at + Key.Length + next;
        }

        if (rewritten is null)
        {
            return line;
        }

        line[copied..].CopyTo(rewritten.AsSpan(length));
        return rewritten.AsSpan(0, length + line.Length - copied);
    }

    /// <summary>Where the string after a key's colon starts and ends (its quotes included); null when the value is not a string.</summary>
    private static (int Start, int End)? ValueAfter(ReadOnlySpan<byte> line, int at)
    {
        at = SkipSpace(line, at);
        if (at >= line.Length || line[at] != (byte)':')
        {
            return null;
        }

        at = SkipSpace(line, at + 1);
        if (at >= line.Length || line[at] != (byte)'"')
        {
            return null;
        }

        for (var i = at + 1; i < line.Length; i++)
        {
            if (line[i] == (byte)'\\')
            {
                i++;
            }
            else if (line[i] == (byte)'"')
            {
                return (at, i + 1);
            }
        }

        return null;
    }

    private static int SkipSpace(ReadOnlySpan<byte> line, int at)
    {
        while (at < line.Length && line[at] is (byte)' ' or (byte)'\t')
        {
            at++;
        }

        return at;
    }

    private static bool IsKnown(ReadOnlySpan<byte> value)
    {
        foreach (var known in Known)
        {
            if (value.SequenceEqual(known))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Takes one read's bytes (none: the end, which lets a last line without its newline go too).</summary>
    private void Take(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            _ended = true;
            Ready(Filter(_line.AsSpan(0, _lineLength)));
            _lineLength = 0;
            return;
        }

        while (!bytes.IsEmpty)
        {
            var newline = bytes.IndexOf((byte)'\n');
            if (newline >= 0 && _lineLength == 0)
            {
                // A whole line in this read, the usual case: filtered where it is.
                Ready(Filter(bytes[..(newline + 1)]));
                bytes = bytes[(newline + 1)..];
                continue;
            }

            var piece = newline < 0 ? bytes : bytes[..(newline + 1)];
            if (_lineLength + piece.Length > _line.Length)
            {
                Array.Resize(ref _line, Math.Max(_line.Length * 2, _lineLength + piece.Length));
            }

            piece.CopyTo(_line.AsSpan(_lineLength));
            _lineLength += piece.Length;
            bytes = bytes[piece.Length..];
            if (newline >= 0)
            {
                Ready(Filter(_line.AsSpan(0, _lineLength)));
                _lineLength = 0;
            }
        }
    }

    private void Ready(ReadOnlySpan<byte> bytes)
    {
        if (_readyStart == _readyEnd)
        {
            _readyStart = _readyEnd = 0;
        }

        if (_readyEnd + bytes.Length > _ready.Length)
        {
            var grown = new byte[Math.Max(_ready.Length * 2, _readyEnd - _readyStart + bytes.Length)];
            _ready.AsSpan(_readyStart, _readyEnd - _readyStart).CopyTo(grown);
            _readyEnd -= _readyStart;
            _readyStart = 0;
            _ready = grown;
        }

        bytes.CopyTo(_ready.AsSpan(_readyEnd));
        _readyEnd += bytes.Length;
    }

    private int Hand(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, _readyEnd - _readyStart);
        _ready.AsSpan(_readyStart, count).CopyTo(buffer);
        _readyStart += count;
        return count;
    }
}
