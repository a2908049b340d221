namespace OpenInterpreter.Cli.Terminal;

/// <summary>Turns what a terminal sends in raw mode into keys: control characters, and the escape sequences of arrows, Home, End and Delete.</summary>
internal static class KeyDecoder
{
    public static List<ConsoleKeyInfo> Decode(ReadOnlySpan<char> input)
    {
        var keys = new List<ConsoleKeyInfo>(input.Length);
        for (var i = 0; i < input.Length; i++)
        {
            var c = input[i];
            if (c == '\u001b' && i + 1 < input.Length && input[i + 1] is '[' or 'O')
            {
                // CSI or SS3: parameters, then one final byte.
                var end = i + 2;
                while (end < input.Length && input[end] is >= '0' and <= '9' or ';')
                {
                    end++;
                }

                if (end < input.Length)
                {
                    var parameters = input[(i + 2)..end].ToString();
                    if (Sequence(input[end], parameters) is { } key)
                    {
                        keys.Add(key);
                    }

                    i = end;
                    continue;
                }
            }

            keys.Add(c switch
            {
                '\r' or '\n' => Key('\r', ConsoleKey.Enter),
                '\u007f' or '\b' => Key('\b', ConsoleKey.Backspace),
                '\t' => Key('\t', ConsoleKey.Tab),
                '\u001b' => Key('\u001b', ConsoleKey.Escape),
                >= '\u0001' and <= '\u001a' => new ConsoleKeyInfo(c, ConsoleKey.A + (c - 1), false, false, true),
                _ => new ConsoleKeyInfo(c, char.IsAsciiLetterOrDigit(c) ? (ConsoleKey)char.ToUpperInvariant(c) : 0, char.IsUpper(c), false, false),
            });
        }

        return keys;
    }

    private static ConsoleKeyInfo? Sequence(char final, string parameters) => final switch
    {
        'A' => Key('\0', ConsoleKey.UpArrow),
        'B' => Key('\0', ConsoleKey.DownArrow),
        'C' => Key('\0', ConsoleKey.RightArrow),
        'D' => Key('\0', ConsoleKey.LeftArrow),
        'H' => Key('\0', ConsoleKey.Home),
        'F' => Key('\0', ConsoleKey.End),
        '~' => parameters.Split(';')[0] switch
        {
            "1" or "7" => Key('\0', ConsoleKey.Home),
            "4" or "8" => Key('\0', ConsoleKey.End),
            "3" => Key('\0', ConsoleKey.Delete),
            _ => null,
        },
        _ => null,
    };

    private static ConsoleKeyInfo Key(char c, ConsoleKey key) => new(c, key, false, false, false);
}
