using System.Text;

namespace OpenInterpreter.Core.Output;

/// <summary>
/// Passes streamed output through, keeping of a line a program rewrote in place with carriage returns (a progress
/// bar) only its final state, as the terminal shows it at the end: <c>"\r1%\r2%…\r99%"</c> becomes <c>99%</c>. A
/// carriage return followed by a line end is an ordinary line end. The line still being written is held back until
/// its line end comes or <see cref="Flush"/> is called, so what is passed on is never taken back.
/// </summary>
internal sealed class OverwrittenLineFilter
{
    /// <summary>
    /// The most of an open line held back; a longer line is passed on as it grows, so memory stays bounded, and a
    /// carriage return after that rewrites only what came since.
    /// </summary>
    public const int MaxOpenLine = 64 * 1024;

    private readonly StringBuilder _open = new();
    private bool _returned;

    /// <summary>The text of <paramref name="chunk"/> (with what was held back) that no carriage return can change any more.</summary>
    public string Filter(string chunk)
    {
        if (!_returned && !chunk.Contains('\r', StringComparison.Ordinal))
        {
            return PassLines(chunk);
        }

        var done = new StringBuilder();
        foreach (var c in chunk)
        {
            if (_returned)
            {
                _returned = false;
                if (c != '\n')
                {
                    // Back at the start of the line, and something is written over it.
                    _open.Clear();
                }
            }

            switch (c)
            {
                case '\r':
                    _returned = true;
                    break;
                case '\n':
                    done.Append(_open).Append('\n');
                    _open.Clear();
                    break;
                default:
                    _open.Append(c);
                    if (_open.Length >= MaxOpenLine)
                    {
                        done.Append(_open);
                        _open.Clear();
                    }

                    break;
            }
        }

        return done.ToString();
    }

    /// <summary>
    /// <see cref="Filter"/> for a chunk with no carriage return, which is nearly all output: its whole lines pass at
    /// once instead of character by character (this runs on every byte a program writes).
    /// </summary>
    private string PassLines(string chunk)
    {
        var end = chunk.LastIndexOf('\n');
        if (end < 0)
        {
            _open.Append(chunk);
            return PassFullPieces();
        }

        var done = _open.Length == 0 ? chunk[..(end + 1)] : string.Concat(_open.ToString(), chunk.AsSpan(0, end + 1));
        _open.Clear().Append(chunk, end + 1, chunk.Length - end - 1);
        return _open.Length >= MaxOpenLine ? done + PassFullPieces() : done;
    }

    /// <summary>Of the open line, what the character-by-character path would have passed on: whole <see cref="MaxOpenLine"/> pieces.</summary>
    private string PassFullPieces()
    {
        var length = _open.Length - (_open.Length % MaxOpenLine);
        if (length == 0)
        {
            return "";
        }

        var passed = _open.ToString(0, length);
        _open.Remove(0, length);
        return passed;
    }

    /// <summary>The line still open, as it stands now (the output ended), and nothing is held back any more.</summary>
    public string Flush()
    {
        var open = _open.ToString();
        _open.Clear();
        _returned = false;
        return open;
    }
}
