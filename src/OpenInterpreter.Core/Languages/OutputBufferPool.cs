namespace OpenInterpreter.Core.Languages;

/// <summary>
/// The buffers one driver's output pumps decode into, reused once the consumer of each chunk has moved on: while the
/// consumer keeps up, a flood of output goes through the same two or three buffers. It also says whether the consumer
/// wants strings, in which case the pumps decode straight into strings instead.
/// </summary>
/// <remarks>
/// It keeps at most <see cref="Kept"/> free buffers (256 KiB): when the consumer is behind, the chunks waiting for it
/// take new buffers, which the GC takes back once read, so a session that once fell behind holds no more than this.
/// </remarks>
internal sealed class OutputBufferPool
{
    /// <summary>The characters a buffer holds: a chunk's bytes decode to at most as many characters, plus the few
    /// bytes of a character the previous chunk cut (each at most one replacement character).</summary>
    public const int BufferChars = OutputPump.ChunkBytes + 4;

    /// <summary>The most free buffers kept: two or three cycle while the consumer keeps up.</summary>
    internal const int Kept = 4;

    private readonly Lock _lock = new();
    private volatile bool _stringsWanted = true;
    private readonly Stack<OutputBuffer> _free = new(Kept);

    /// <summary>
    /// Whether the consumer asked for the last chunk it got as a string (true until it has had one). Lending to a
    /// consumer that makes strings of everything would cost it a copy per chunk on top of the string.
    /// </summary>
    public bool StringsWanted
    {
        get => _stringsWanted;
        set => _stringsWanted = value;
    }

    /// <summary>An empty buffer: the one returned last, whose memory is the likeliest to be in the cache.</summary>
    public OutputBuffer Rent()
    {
        lock (_lock)
        {
            if (_free.TryPop(out var buffer))
            {
                return buffer;
            }
        }

        // Not cleared: the decoder writes every character before any is read.
        return new OutputBuffer(this, GC.AllocateUninitializedArray<char>(BufferChars));
    }

    /// <summary>Takes back an empty buffer.</summary>
    public void Return(OutputBuffer buffer)
    {
        lock (_lock)
        {
            if (_free.Count < Kept)
            {
                _free.Push(buffer);
            }
        }
    }
}
