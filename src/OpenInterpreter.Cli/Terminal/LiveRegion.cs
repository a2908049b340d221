namespace OpenInterpreter.Cli.Terminal;

/// <summary>
/// The few lines at the bottom of the terminal that change while a reply or output streams. A redraw moves the cursor
/// up over the lines it drew itself and clears from there down, and nothing else: the screen above and the scrollback
/// are never cleared, also not when the window is resized (a narrower window only leaves a stale copy above).
/// </summary>
internal sealed class LiveRegion(TextWriter output, Func<int> height)
{
    private const string ClearDown = "\u001b[J";
    private int _drawn;
    private List<string> _shown = [];

    /// <summary>Lines on screen now that the next redraw replaces.</summary>
    public int Drawn => _drawn;

    /// <summary>Replaces the live lines with <paramref name="lines"/>, cropped at the top to fit the window.</summary>
    public void Show(IReadOnlyList<string> lines)
    {
        var room = Math.Max(height() - 1, 1);
        var start = Math.Max(lines.Count - room, 0);
        if (_drawn == lines.Count - start && _shown.SequenceEqual(lines.Skip(start)))
        {
            return; // the same frame again: nothing to redraw, nothing to flicker
        }

        _shown = [.. lines.Skip(start)];
        var text = new System.Text.StringBuilder(Rewind());
        for (var i = start; i < lines.Count; i++)
        {
            text.Append(lines[i]).Append("\u001b[0m");
            if (i < lines.Count - 1)
            {
                text.Append('\n');
            }
        }

        _drawn = lines.Count - start;
        output.Write(text.ToString());
        output.Flush();
    }

    /// <summary>Clears the live lines and writes <paramref name="lines"/> for good above where the live lines go next.</summary>
    public void Commit(IReadOnlyList<string> lines)
    {
        var text = new System.Text.StringBuilder(Rewind());
        foreach (var line in lines)
        {
            text.Append(line).Append("\u001b[0m\n");
        }

        _drawn = 0;
        _shown = [];
        output.Write(text.ToString());
        output.Flush();
    }

    /// <summary>Takes the live lines off the screen, leaving the cursor where they began.</summary>
    public void Clear()
    {
        if (_drawn > 0)
        {
            output.Write(Rewind());
            output.Flush();
            _drawn = 0;
            _shown = [];
        }
    }

    /// <summary>Back to the start of the first live line, with everything from there down cleared.</summary>
    private string Rewind() => _drawn switch
    {
        0 => "",
        1 => "\r" + ClearDown,
        _ => $"\r\u001b[{_drawn - 1}A" + ClearDown,
    };
}
