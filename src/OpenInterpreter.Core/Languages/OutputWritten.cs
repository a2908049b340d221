using System.Text;

namespace OpenInterpreter.Core.Languages;

/// <summary>Text the code wrote to standard output or standard error, as it came.</summary>
/// <remarks>
/// Output a driver printed may be lent: while its consumer reads only <see cref="Chars"/>, the session decodes a flood
/// of output into the same few buffers, warm in the cache, and reuses each once the consumer asks for the next event,
/// instead of making a new string per chunk (clearing the memory of those strings, cold since the young generation
/// here is about 80 MB, was a third of the reader's time). A consumer that asks for <see cref="Text"/> gets the chunks
/// after it decoded straight into strings, as before. Read <see cref="Chars"/> or <see cref="Text"/> before asking
/// for the next event; the string <see cref="Text"/> returns is then the consumer's to keep. Read for the first time
/// after that, a lent chunk throws <see cref="InvalidOperationException"/> rather than show another chunk's text.
/// </remarks>
public sealed record OutputWritten : ExecutionEvent
{
    private string? _text;
    private OutputBuffer? _lent;
    private bool _textAsked;

    /// <summary>Output that owns its text.</summary>
    public OutputWritten(string text, OutputStream stream)
    {
        _text = text;
        Stream = stream;
    }

    /// <summary>Output lent from <paramref name="lent"/> until <see cref="Release"/>.</summary>
    internal OutputWritten(OutputBuffer lent, OutputStream stream)
    {
        _lent = lent;
        Stream = stream;
    }

    /// <summary>A copy (<c>with</c>) owns its text: sharing the buffer would leave it lent after the original's release.</summary>
    private OutputWritten(OutputWritten original)
        : base(original)
    {
        _text = original.Text;
        Stream = original.Stream;
    }

    /// <summary>Which stream it came from.</summary>
    public OutputStream Stream { get; init; }

    /// <summary>The text, as a string the caller may keep (made from <see cref="Chars"/> the first time it is asked for).</summary>
    public string Text
    {
        get
        {
            _textAsked = true;
            return _text ??= new string(Chars);
        }
    }

    /// <summary>The text, without making a string of it.</summary>
    public ReadOnlySpan<char> Chars => _text ?? (_lent ?? throw MovedOn()).Span;

    /// <summary>How many characters the text has.</summary>
    public int Length => _text?.Length ?? (_lent ?? throw MovedOn()).Length;

    /// <summary>True while its text is in a lent buffer.</summary>
    internal bool IsLent => _lent is not null;

    /// <summary>True once the consumer asked for <see cref="Text"/>, which says how it reads output.</summary>
    internal bool TextAsked => _textAsked;

    /// <summary>
    /// Takes <paramref name="next"/>'s text onto the end of this one when both are lent and it fits in
    /// <paramref name="limit"/> characters, releasing <paramref name="next"/>; false, with nothing changed, otherwise.
    /// </summary>
    internal bool TryAppend(OutputWritten next, int limit)
    {
        if (_lent is not { } lent || next._lent is not { } more || next.Stream != Stream || lent.Length + more.Length > Math.Min(limit, lent.Capacity))
        {
            return false;
        }

        lent.Append(more.Span);
        next.Release();
        return true;
    }

    /// <summary>Gives the buffer back once the consumer moved on: the text stays readable only if it was made a
    /// string before.</summary>
    internal void Release()
    {
        var lent = _lent;
        _lent = null;
        lent?.Return();
    }

    /// <summary>Equal when both came from the same stream and have the same text, however each holds it.</summary>
    public bool Equals(OutputWritten? other) => other is not null && Stream == other.Stream && Chars.SequenceEqual(other.Chars);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Stream, string.GetHashCode(Chars));

    protected override bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Stream = ").Append(Stream).Append(", Text = ");
        if (_text is null && _lent is null)
        {
            builder.Append("(released)");
        }
        else
        {
            builder.Append('"').Append(Chars).Append('"');
        }

        return true;
    }

    private static InvalidOperationException MovedOn() =>
        new("This output's text was lent until the next event and was not read before it: read Text or Chars before moving on.");
}
