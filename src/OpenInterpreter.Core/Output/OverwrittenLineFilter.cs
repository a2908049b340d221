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

    /// <summary>The line still open, as it stands now (the output ended), and nothing is held back any more.</summary>
    public string Flush()
    {
        var open = _open.ToString();
        _open.Clear();
        _returned = false;
        return open;
    }
}
