using System.Text;

namespace OpenInterpreter.Core.Output;

/// <summary>
/// Removes ANSI escape sequences (colours, cursor moves, OSC titles) from streamed text. It keeps state between
/// chunks because a program's output can split an escape sequence across two reads.
/// </summary>
public sealed class AnsiStripper
{
    private enum State { Text, Escape, Csi, Osc, OscEscape }

    private State _state = State.Text;

    /// <summary>Strips one piece of text in one call, for text that is already whole.</summary>
    public static string StripAll(string text) => new AnsiStripper().Strip(text);

    /// <summary>Returns <paramref name="chunk"/> without escape sequences, remembering a sequence left open at its end.</summary>
    public string Strip(string chunk)
    {
        if (_state == State.Text && chunk.IndexOf('\u001b') < 0 && chunk.IndexOf('\r') < 0)
        {
            return chunk;
        }

        var result = new StringBuilder(chunk.Length);
        foreach (var c in chunk)
        {
            switch (_state)
            {
                case State.Text when c == '\u001b':
                    _state = State.Escape;
                    break;
                case State.Text when c == '\r':
                    // A lone carriage return (progress bars) is dropped; "\r\n" keeps its newline.
                    break;
                case State.Text:
                    result.Append(c);
                    break;
                case State.Escape:
                    _state = c switch
                    {
                        '[' => State.Csi,
                        ']' => State.Osc,
                        _ => State.Text, // a two-character sequence such as ESC c or ESC 7
                    };
                    break;
                case State.Csi:
                    // Parameters and intermediates are 0x20-0x3F; a final byte 0x40-0x7E ends the sequence.
                    if (c >= '@' && c <= '~')
                    {
                        _state = State.Text;
                    }
                    break;
                case State.Osc:
                    if (c == '\u0007')
                    {
                        _state = State.Text;
                    }
                    else if (c == '\u001b')
                    {
                        _state = State.OscEscape;
                    }
                    break;
                case State.OscEscape:
                    _state = c == '\\' ? State.Text : State.Osc;
                    break;
            }
        }

        return result.ToString();
    }
}
