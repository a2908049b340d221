using System.Globalization;
using System.Text;

namespace OpenInterpreter.Core.Tools;

/// <summary>
/// Reads the JSON arguments of an <c>execute</c> call while they stream in, one fragment at a time, and hands out
/// the <c>code</c> characters decoded so far, so the code can be shown as the model writes it. Tolerant by design:
/// it only drives the live display; the finished arguments are parsed strictly by <see cref="ExecuteArguments"/>.
/// </summary>
public sealed class StreamingArgumentsReader
{
    private enum State { Outside, Key, AfterKey, Value, Escape, Unicode }

    private readonly StringBuilder _key = new();
    private readonly StringBuilder _language = new();
    private readonly StringBuilder _unicode = new();
    private State _state = State.Outside;
    private State _stringState;
    private string _currentKey = "";

    /// <summary>The <c>language</c> value once its closing quote arrived; null before.</summary>
    public string? Language { get; private set; }

    /// <summary>Reads the next fragment and returns the code characters it completed (possibly none).</summary>
    public string Read(string fragment)
    {
        var code = new StringBuilder();
        foreach (var c in fragment)
        {
            switch (_state)
            {
                case State.Outside when c == '"':
                    _key.Clear();
                    _state = State.Key;
                    break;
                case State.Outside:
                    break;
                case State.Key when c == '"':
                    _currentKey = _key.ToString();
                    _state = State.AfterKey;
                    break;
                case State.Key:
                    _key.Append(c);
                    break;
                case State.AfterKey when c == '"':
                    _state = State.Value;
                    break;
                case State.AfterKey when c is ',' or '}':
                    _state = State.Outside; // a non-string value: nothing to show
                    break;
                case State.AfterKey:
                    break;
                case State.Value when c == '\\':
                    _stringState = State.Value;
                    _state = State.Escape;
                    break;
                case State.Value when c == '"':
                    if (_currentKey == "language")
                    {
                        Language = _language.ToString();
                    }
                    _state = State.Outside;
                    break;
                case State.Value:
                    Emit(c, code);
                    break;
                case State.Escape when c == 'u':
                    _unicode.Clear();
                    _state = State.Unicode;
                    break;
                case State.Escape:
                    Emit(c switch { 'n' => '\n', 't' => '\t', 'r' => '\r', 'b' => '\b', 'f' => '\f', _ => c }, code);
                    _state = _stringState;
                    break;
                case State.Unicode:
                    _unicode.Append(c);
                    if (_unicode.Length == 4)
                    {
                        if (int.TryParse(_unicode.ToString(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
                        {
                            Emit((char)value, code);
                        }
                        _state = _stringState;
                    }
                    break;
            }
        }

        return code.ToString();
    }

    private void Emit(char c, StringBuilder code)
    {
        if (_currentKey == "code")
        {
            code.Append(c);
        }
        else if (_currentKey == "language")
        {
            _language.Append(c);
        }
    }
}
