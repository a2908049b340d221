namespace OpenInterpreter.Core.Tests.Languages;

/// <summary>
/// Checks, as output streams in, that it is the lines "0", "1", "2"... each exactly once and in order, ended by
/// "end N" with N the number of lines before it; keeps only the line being assembled, however much is written.
/// </summary>
internal sealed class NumberedLines
{
    private readonly System.Text.StringBuilder _partial = new();
    private long _next;

    /// <summary>How the output first went wrong (a line lost, doubled or torn), or null while it is right.</summary>
    public string? FirstError { get; private set; }

    /// <summary>True once the end line came, right after the last numbered line.</summary>
    public bool Ended { get; private set; }

    /// <summary>How many numbered lines arrived in order.</summary>
    public long Count => _next;

    public void Add(ReadOnlySpan<char> text)
    {
        int newline;
        while ((newline = text.IndexOf('\n')) >= 0)
        {
            _partial.Append(text[..newline]);
            Check(_partial.ToString());
            _partial.Clear();
            text = text[(newline + 1)..];
        }

        _partial.Append(text);
    }

    private void Check(string line)
    {
        if (FirstError is not null)
        {
            return;
        }

        if (Ended)
        {
            FirstError = $"'{Shorten(line)}' after the end line";
        }
        else if (line == _next.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            _next++;
        }
        else if (line == $"end {_next}")
        {
            Ended = true;
        }
        else
        {
            FirstError = $"expected line {_next}, got '{Shorten(line)}'";
        }
    }

    private static string Shorten(string line) => line.Length <= 60 ? line : line[..60] + "...";
}
