using System.Text;
using System.Threading.Channels;

namespace OpenInterpreter.Core.Languages;

/// <summary>
/// Copies one of the child's output pipes into the session's messages: UTF-8 text (invalid bytes replaced) in chunks
/// of at most <see cref="ChunkBytes"/> bytes, lent in buffers of an <see cref="OutputBufferPool"/>, with the run's fence
/// taken out and reported where it was.
/// </summary>
/// <remarks>
/// It runs on its own thread with blocking reads, and blocks on the bounded channel when the consumer is slow, so a
/// program that prints without end just waits on its full pipe and memory stays bounded.
/// </remarks>
internal sealed class OutputPump
{
    /// <summary>The most bytes decoded at once; each output chunk has at most this many characters (plus the few
    /// bytes of a character cut by the previous chunk). 32 KiB: a chunk's string (64 KiB) stays below the large
    /// object heap, whose allocations would cost full collections (128 KiB chunks made Ruby's output 2.3-2.7x).</summary>
    public const int ChunkBytes = 32768;

    /// <summary>The most bytes read at once (the pipe holds 1 MiB): a fast writer costs a read per 256 KiB, not per
    /// chunk, and the bytes go on in chunks of <see cref="ChunkBytes"/>.</summary>
    private const int ReadBytes = 8 * ChunkBytes;

    /// <summary>How long the pump pauses between reads while its writer trickles (<see cref="Trickle"/>).</summary>
    private const uint PauseMicroseconds = 250;

    private readonly Stream _source;
    private readonly OutputStream _stream;
    private readonly ChannelWriter<DriverMessage> _messages;
    private readonly OutputBufferPool _buffers;
    private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetDecoder();
    private volatile Fence? _fence;

    private readonly Func<int> _unread;

    /// <param name="source">The pipe to read.</param>
    /// <param name="stream">Which of the child's streams it is.</param>
    /// <param name="messages">Where the output goes.</param>
    /// <param name="buffers">The buffers its chunks are lent in.</param>
    /// <param name="unread">How many bytes the pipe already holds (0 when unknown): while more is waiting the pump
    /// reads on and sends one fuller chunk, so a writer faster than the consumer costs fewer messages.</param>
    public OutputPump(Stream source, OutputStream stream, ChannelWriter<DriverMessage> messages, OutputBufferPool buffers, Func<int>? unread = null)
    {
        _source = source;
        _stream = stream;
        _messages = messages;
        _buffers = buffers;
        _unread = unread ?? (() => 0);
    }

    /// <summary>Looks for <paramref name="fence"/> from now on; set before the driver is asked to run the cell.</summary>
    public void Expect(Fence fence) => _fence = fence;

    /// <summary>Starts the copy on a background thread.</summary>
    public void Start() => new Thread(Run) { IsBackground = true, Name = $"oi-{_stream}-pump" }.Start();

    /// <summary>Copies until end-of-file or until the channel is closed.</summary>
    internal void Run()
    {
        var buffer = new byte[ReadBytes];
        var held = 0;
        var trickle = new Trickle();
        while (held >= 0)
        {
            if (trickle.PauseFirst)
            {
                // A writer that trickles out small writes (Python unbuffered: a write per line) would cost a read, a
                // chunk and a wake-up of the consumer per write: a core of the host's CPU for a flood of lines. A
                // pause of a quarter of a millisecond lets its writes gather in the pipe (1 MiB: more than a fast
                // writer fills meanwhile), to be read and passed on together.
                _ = Libc.MicroSleep(PauseMicroseconds);
            }

            var read = ReadSome(buffer.AsSpan(held));
            while (read > 0 && held + read < buffer.Length && _unread() > 0 && ReadSome(buffer.AsSpan(held + read)) is var more and > 0)
            {
                read += more;
            }

            if (read == 0)
            {
                if (Emit(buffer.AsSpan(0, held), flush: true))
                {
                    _messages.Post(new StreamClosed(_stream));
                }

                return;
            }

            var filled = held + read == buffer.Length;
            held = Scan(buffer, held + read, out var fenced);
            trickle.Read(read, fenced, filled);
        }
    }

    private int ReadSome(Span<byte> into)
    {
        try
        {
            return _source.Read(into);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            return 0;
        }
    }

    /// <summary>
    /// Emits the first <paramref name="count"/> bytes of <paramref name="buffer"/> except a tail that may be the start
    /// of the fence, which it moves to the front; returns how many bytes it kept there, or -1 once the channel closed,
    /// and says in <paramref name="fenced"/> whether the fence was among them.
    /// </summary>
    private int Scan(byte[] buffer, int count, out bool fenced)
    {
        var start = 0;
        fenced = false;
        while (true)
        {
            var data = buffer.AsSpan(start, count - start);
            var fence = _fence;
            var at = fence?.IndexIn(data) ?? -1;
            if (at >= 0)
            {
                // The fence ends the cell's output: a character cut short before it can only be shown as replaced.
                if (!Emit(data[..at], flush: true) || !_messages.Post(new FenceReached(_stream)))
                {
                    return -1;
                }

                fenced = true;
                start += at + fence!.Bytes.Length;
                continue;
            }

            var keep = fence?.PartialMatchLength(data) ?? 0;
            if (!Emit(data[..^keep], flush: false))
            {
                return -1;
            }

            data[^keep..].CopyTo(buffer);
            return keep;
        }
    }

    private bool Emit(ReadOnlySpan<byte> bytes, bool flush)
    {
        while (bytes.Length > ChunkBytes)
        {
            if (!EmitChunk(bytes[..ChunkBytes], flush: false))
            {
                return false;
            }

            bytes = bytes[ChunkBytes..];
        }

        return EmitChunk(bytes, flush);
    }

    private bool EmitChunk(ReadOnlySpan<byte> bytes, bool flush)
    {
        if (_buffers.StringsWanted)
        {
            return EmitString(bytes, flush);
        }

        // Decoded straight into a buffer of the pool, in one pass: a string per chunk (its memory cleared, then
        // written) was a third of this thread's time.
        var buffer = _buffers.Rent();
        if (buffer.Decode(_decoder, bytes, flush) == 0)
        {
            // A character's first bytes, cut by the read: the decoder keeps them for the next read.
            buffer.Return();
            return true;
        }

        return _messages.Post(new OutputMessage(new OutputWritten(buffer, _stream)));
    }

    private bool EmitString(ReadOnlySpan<byte> bytes, bool flush)
    {
        // Decoded straight into the string: a copy through a char buffer was a fifth of this thread's time.
        var length = _decoder.GetCharCount(bytes, flush);
        if (length == 0)
        {
            _decoder.GetChars(bytes, [], flush);
            return true;
        }

        var text = string.Create(length, new Decoding(_decoder, bytes, flush), static (chars, decoding) =>
            decoding.Decoder.GetChars(decoding.Bytes, chars, decoding.Flush));
        return _messages.Post(new OutputMessage(new OutputWritten(text, _stream)));
    }

    /// <summary>What <see cref="EmitString"/> hands <see cref="string.Create{TState}"/> to decode into the new string.</summary>
    private readonly ref struct Decoding(Decoder decoder, ReadOnlySpan<byte> bytes, bool flush)
    {
        public Decoder Decoder { get; } = decoder;

        public ReadOnlySpan<byte> Bytes { get; } = bytes;

        public bool Flush { get; } = flush;
    }
}
