using System.Buffers;
using System.Text;
using Spectre.Console;

namespace OpenInterpreter.Cli.Terminal;

/// <summary>
/// Reads a program's output for the screen: its colour and emphasis sequences (SGR, <c>ESC[…m</c>) become styles of
/// the text they apply to; every other escape sequence (cursor moves, clearing the screen, titles, links) and every
/// control character but line end, carriage return and tab is dropped, so the program cannot move the cursor or
/// clear what the view drew. The text is drawn again by Spectre.Console, which ends each styled piece with a reset:
/// a colour never leaks into a panel border or past a line. State is kept between pieces, as a terminal keeps it: a
/// sequence may be split between two reads, and a colour set on one line holds on the next until it is reset.
/// </summary>
internal sealed class SgrStyleParser
{
    // A sequence longer than this is not one a program means; it is dropped without holding the memory.
    private const int MaxSequence = 256;

    private enum State { Text, Escape, EscapeIntermediate, Csi, Osc, OscEscape }

    /// <summary>What the character loop would act on in text: the escape and every control character it drops (all but tab, line end, carriage return).</summary>
    private static readonly SearchValues<char> Special = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\n' or '\r')).Select(c => (char)c), .. Enumerable.Range(0x7f, 0x21).Select(c => (char)c)]);

    private readonly StringBuilder _sequence = new();
    private State _state = State.Text;
    private Color _foreground = Color.Default;
    private Color _background = Color.Default;
    private Decoration _decoration = Decoration.None;

    /// <summary>The style the program's sequences set so far.</summary>
    public Style Current => new(_foreground, _background, _decoration);

    /// <summary>The text of <paramref name="chunk"/> in runs of one style each; line ends, carriage returns and tabs stay in the text.</summary>
    public List<StyledRun> Parse(string chunk)
    {
        if (_state == State.Text && !chunk.AsSpan().ContainsAny(Special))
        {
            // Nearly all output: plain text in the current style, one run, the chunk itself (no copy a character at a time).
            return chunk.Length == 0 ? [] : [new StyledRun(chunk, Current)];
        }

        var runs = new List<StyledRun>();
        var text = new StringBuilder();
        void EndRun()
        {
            if (text.Length > 0)
            {
                runs.Add(new StyledRun(text.ToString(), Current));
                text.Clear();
            }
        }

        foreach (var c in chunk)
        {
            switch (_state)
            {
                case State.Text when c == '\u001b':
                    _state = State.Escape;
                    break;
                case State.Text when c is '\n' or '\r' or '\t' || !char.IsControl(c):
                    text.Append(c);
                    break;
                case State.Text:
                    break; // a bell, a backspace, a shift: nothing a panel can show
                case State.Escape when c == '[':
                    _state = State.Csi;
                    _sequence.Clear();
                    break;
                case State.Escape when c == ']':
                    _state = State.Osc;
                    break;
                case State.Escape when c is >= ' ' and <= '/':
                    _state = State.EscapeIntermediate; // ESC ( B and the like: a final byte follows
                    break;
                case State.Escape:
                case State.EscapeIntermediate when c is >= '0' and <= '~':
                    _state = State.Text; // a two-character sequence such as ESC c or ESC 7
                    break;
                case State.EscapeIntermediate:
                    break;
                case State.Csi when c is >= '@' and <= '~':
                    _state = State.Text;
                    if (c == 'm' && _sequence.Length <= MaxSequence)
                    {
                        EndRun();
                        Apply(_sequence.ToString());
                    }

                    break;
                case State.Csi:
                    if (_sequence.Length <= MaxSequence)
                    {
                        _sequence.Append(c);
                    }

                    break;
                case State.Osc when c == '\u0007':
                    _state = State.Text;
                    break;
                case State.Osc when c == '\u001b':
                    _state = State.OscEscape;
                    break;
                case State.Osc:
                    break;
                case State.OscEscape:
                    _state = c == '\\' ? State.Text : State.Osc;
                    break;
            }
        }

        EndRun();
        return runs;
    }

    private void Apply(string parameters)
    {
        if (parameters.Length > 0 && parameters[0] is '?' or '>' or '<' or '=')
        {
            return; // a private sequence ending in m (xterm's modifyOtherKeys): not a colour
        }

        var groups = parameters.Split(';');
        for (var i = 0; i < groups.Length; i++)
        {
            if (groups[i].Contains(':', StringComparison.Ordinal))
            {
                // The ITU form holds a whole colour in one group: 38:5:n, 38:2:r:g:b or 38:2:space:r:g:b.
                var parts = groups[i].Split(':');
                if (Number(parts[0]) is 38 or 48 && parts.Length >= 3)
                {
                    string[] colour = parts[1] == "2" && parts.Length >= 6 ? ["2", .. parts[^3..]] : parts[1..];
                    if (ExtendedColor(colour, out var color, out _))
                    {
                        SetColor(Number(parts[0]) == 38, color);
                    }
                }

                continue;
            }

            var code = Number(groups[i]);
            switch (code)
            {
                case 0:
                    (_foreground, _background, _decoration) = (Color.Default, Color.Default, Decoration.None);
                    break;
                case 1: _decoration |= Decoration.Bold; break;
                case 2: _decoration |= Decoration.Dim; break;
                case 3: _decoration |= Decoration.Italic; break;
                case 4: _decoration |= Decoration.Underline; break;
                case 5: _decoration |= Decoration.SlowBlink; break;
                case 6: _decoration |= Decoration.RapidBlink; break;
                case 7: _decoration |= Decoration.Invert; break;
                case 8: _decoration |= Decoration.Conceal; break;
                case 9: _decoration |= Decoration.Strikethrough; break;
                case 22: _decoration &= ~(Decoration.Bold | Decoration.Dim); break;
                case 23: _decoration &= ~Decoration.Italic; break;
                case 24: _decoration &= ~Decoration.Underline; break;
                case 25: _decoration &= ~(Decoration.SlowBlink | Decoration.RapidBlink); break;
                case 27: _decoration &= ~Decoration.Invert; break;
                case 28: _decoration &= ~Decoration.Conceal; break;
                case 29: _decoration &= ~Decoration.Strikethrough; break;
                case >= 30 and <= 37: _foreground = Color.FromInt32(code - 30); break;
                case 39: _foreground = Color.Default; break;
                case >= 40 and <= 47: _background = Color.FromInt32(code - 40); break;
                case 49: _background = Color.Default; break;
                case >= 90 and <= 97: _foreground = Color.FromInt32(code - 90 + 8); break;
                case >= 100 and <= 107: _background = Color.FromInt32(code - 100 + 8); break;
                case 38 or 48:
                    if (ExtendedColor(groups[(i + 1)..], out var color, out var used))
                    {
                        SetColor(code == 38, color);
                    }

                    i += used;
                    break;
            }
        }
    }

    /// <summary>Reads <c>5;n</c> (256 colours) or <c>2;r;g;b</c> (true colour) after a 38 or 48; says how many parameters it took.</summary>
    private static bool ExtendedColor(string[] parameters, out Color color, out int used)
    {
        color = Color.Default;
        used = 0;
        if (parameters.Length >= 2 && Number(parameters[0]) == 5)
        {
            used = 2;
            if (Number(parameters[1]) is var index and >= 0 and <= 255)
            {
                color = Color.FromInt32(index);
                return true;
            }
        }
        else if (parameters.Length >= 4 && Number(parameters[0]) == 2)
        {
            used = 4;
            if (Channel(parameters[1]) is { } r && Channel(parameters[2]) is { } g && Channel(parameters[3]) is { } b)
            {
                color = new Color(r, g, b);
                return true;
            }
        }
        else
        {
            used = parameters.Length; // a malformed colour: the rest of the sequence means nothing sure
        }

        return false;
    }

    private void SetColor(bool foreground, Color color)
    {
        if (foreground)
        {
            _foreground = color;
        }
        else
        {
            _background = color;
        }
    }

    private static byte? Channel(string text) => Number(text) is var n and >= 0 and <= 255 ? (byte)n : null;

    // An empty parameter means 0, as terminals read it (ESC[m resets).
    private static int Number(string text) =>
        text.Length == 0 ? 0 : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : -1;
}
