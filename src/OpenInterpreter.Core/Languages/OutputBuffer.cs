namespace OpenInterpreter.Core.Languages;

/// <summary>One chunk of decoded output in a buffer from an <see cref="OutputBufferPool"/>, lent to one
/// <see cref="OutputWritten"/> at a time.</summary>
internal sealed class OutputBuffer(OutputBufferPool pool, char[] chars)
{
    /// <summary>How many characters it can hold.</summary>
    public int Capacity => chars.Length;

    /// <summary>How many characters it holds.</summary>
    public int Length { get; private set; }

    /// <summary>The characters it holds.</summary>
    public ReadOnlySpan<char> Span => chars.AsSpan(0, Length);

    /// <summary>Decodes <paramref name="bytes"/> into the empty buffer; returns how many characters it now holds.</summary>
    public int Decode(System.Text.Decoder decoder, ReadOnlySpan<byte> bytes, bool flush) =>
        Length = decoder.GetChars(bytes, chars, flush);

    /// <summary>Adds <paramref name="text"/> to the end (the caller has checked it fits).</summary>
    public void Append(ReadOnlySpan<char> text)
    {
        text.CopyTo(chars.AsSpan(Length));
        Length += text.Length;
    }

    /// <summary>Gives the buffer back to its pool, empty.</summary>
    public void Return()
    {
        Length = 0;
        pool.Return(this);
    }
}
