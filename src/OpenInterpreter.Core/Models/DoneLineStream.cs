using System.Text;

namespace OpenInterpreter.Core.Models;

/// <summary>
/// Passes a server-sent event stream through and marks <see cref="DoneLine"/> when a line reads <c>data: [DONE]</c>
/// (or <c>data:[DONE]</c>), the event the OpenAI SDK ends at. Lines may be split across reads; only each line's
/// start is kept, so memory stays a few bytes whatever the stream holds.
/// </summary>
internal sealed class DoneLineStream(Stream inner, DoneLine done) : ResponseBodyStream(inner)
{
    private static readonly byte[] Spaced = Encoding.ASCII.GetBytes("data: [DONE]");
    private static readonly byte[] Tight = Encoding.ASCII.GetBytes("data:[DONE]");

    /// <summary>The start of the current line, up to one byte longer than the longest line looked for.</summary>
    private readonly byte[] _start = new byte[Spaced.Length + 1];
    private int _length;

    public override int Read(Span<byte> buffer) => Scan(buffer[..Inner.Read(buffer)]);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await Inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Scan(buffer.Span[..read]);
    }

    /// <summary>Looks through one read's bytes; an empty read is the end, where a last line without its newline counts too.</summary>
    private int Scan(ReadOnlySpan<byte> bytes)
    {
        if (done.Seen)
        {
            return bytes.Length;
        }

        if (bytes.IsEmpty)
        {
            EndLine();
            return 0;
        }

        for (var rest = bytes; !rest.IsEmpty;)
        {
            var end = rest.IndexOfAny((byte)'\n', (byte)'\r');
            var piece = end < 0 ? rest : rest[..end];
            var kept = Math.Min(piece.Length, _start.Length - _length);
            piece[..kept].CopyTo(_start.AsSpan(_length));
            _length += kept;
            if (end < 0)
            {
                break;
            }

            EndLine();
            rest = rest[(end + 1)..];
        }

        return bytes.Length;
    }

    private void EndLine()
    {
        var line = _start.AsSpan(0, _length);
        if (line.SequenceEqual(Spaced) || line.SequenceEqual(Tight))
        {
            done.Mark();
        }

        _length = 0;
    }
}
