using System.Text;

namespace OpenInterpreter.Cli.Terminal;

/// <summary>
/// Reads one line from the terminal with editing: arrows, Home/End (Ctrl-A/E), Backspace/Delete, Ctrl-U, Ctrl-K,
/// Ctrl-L (clear the screen), and Up/Down through <see cref="PromptHistory"/> (a multi-line message comes back whole,
/// its line ends shown as ⏎). Ctrl-D on an empty line is end of input; Ctrl-C clears the line, and on an empty line
/// asks for a second Ctrl-C before it means end of input. Keys come from <see cref="TerminalKeys"/>, which reads the
/// terminal all along, so keys typed before the prompt is drawn are neither lost nor echoed.
/// </summary>
internal sealed class LineEditor(PromptHistory history, TextWriter output, TerminalKeys keys)
{
    private const string SaveCursor = "\u001b7";
    private const string RestoreCursor = "\u001b8";
    private const string ClearToEnd = "\u001b[J";
    public const string ExitHint = "(press Ctrl-C again or Ctrl-D to exit)";

    /// <summary>
    /// Shows <paramref name="prompt"/> and returns the line typed after it, or null at end of input. An
    /// <paramref name="answer"/> (to a question) does not take keys typed before it was asked.
    /// </summary>
    public async Task<string?> ReadLineAsync(string prompt, bool answer, CancellationToken cancellationToken)
    {
        keys.Start();
        if (answer)
        {
            keys.HoldTypeAhead();
        }

        var line = new StringBuilder();
        var cursor = 0;
        var recalled = history.Lines.Count;
        var interruptedOnce = false;
        string? draft = null;
        output.Write(prompt + SaveCursor);
        output.Flush();

        void Redraw()
        {
            output.Write(RestoreCursor + Shown(line.ToString()) + ClearToEnd);
            if (line.Length > cursor)
            {
                output.Write($"\u001b[{Shown(line.ToString(cursor, line.Length - cursor)).Length}D");
            }

            output.Flush();
        }

        void Replace(string text)
        {
            line.Clear().Append(text);
            cursor = line.Length;
            Redraw();
        }

        while (true)
        {
            ConsoleKeyInfo key;
            try
            {
                key = await keys.ReadKeyAsync(answer, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Interrupted while asking: what follows starts on a line of its own, not on the question's.
                output.WriteLine();
                output.Flush();
                throw;
            }

            var control = (key.Modifiers & ConsoleModifiers.Control) != 0;
            if (TerminalKeys.IsInterrupt(key))
            {
                if (line.Length > 0)
                {
                    interruptedOnce = false;
                    Replace("");
                }
                else if (interruptedOnce)
                {
                    output.WriteLine();
                    return null;
                }
                else
                {
                    interruptedOnce = true;
                    output.Write($"\n\u001b[2m{ExitHint}\u001b[0m\n{prompt}{SaveCursor}");
                    output.Flush();
                }

                continue;
            }

            interruptedOnce = false;
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    output.WriteLine();
                    var text = line.ToString();
                    history.Add(text);
                    return text;
                case ConsoleKey.D when control:
                    if (line.Length == 0)
                    {
                        output.WriteLine();
                        return null;
                    }

                    break;
                case ConsoleKey.L when control:
                    // The screen is cleared; the scrollback is kept.
                    output.Write($"\u001b[H\u001b[2J{prompt}{SaveCursor}");
                    Redraw();
                    break;
                case ConsoleKey.Backspace when cursor > 0:
                    line.Remove(--cursor, 1);
                    Redraw();
                    break;
                case ConsoleKey.Delete when cursor < line.Length:
                    line.Remove(cursor, 1);
                    Redraw();
                    break;
                case ConsoleKey.LeftArrow or ConsoleKey.B when (key.Key == ConsoleKey.LeftArrow || control) && cursor > 0:
                    cursor--;
                    Redraw();
                    break;
                case ConsoleKey.RightArrow or ConsoleKey.F when (key.Key == ConsoleKey.RightArrow || control) && cursor < line.Length:
                    cursor++;
                    Redraw();
                    break;
                case ConsoleKey.Home or ConsoleKey.A when key.Key == ConsoleKey.Home || control:
                    cursor = 0;
                    Redraw();
                    break;
                case ConsoleKey.End or ConsoleKey.E when key.Key == ConsoleKey.End || control:
                    cursor = line.Length;
                    Redraw();
                    break;
                case ConsoleKey.U when control:
                    line.Remove(0, cursor);
                    cursor = 0;
                    Redraw();
                    break;
                case ConsoleKey.K when control:
                    line.Length = cursor;
                    Redraw();
                    break;
                case ConsoleKey.UpArrow or ConsoleKey.P when (key.Key == ConsoleKey.UpArrow || control) && recalled > 0 && !answer:
                    draft ??= line.ToString();
                    Replace(history.Lines[--recalled]);
                    break;
                case ConsoleKey.DownArrow or ConsoleKey.N when (key.Key == ConsoleKey.DownArrow || control) && recalled < history.Lines.Count && !answer:
                    recalled++;
                    Replace(recalled == history.Lines.Count ? draft ?? "" : history.Lines[recalled]);
                    break;
                default:
                    if (!control && key.KeyChar >= ' ' && key.KeyChar != '\u007f')
                    {
                        line.Insert(cursor++, key.KeyChar);
                        Redraw();
                    }

                    break;
            }
        }
    }

    /// <summary>Keeps <paramref name="text"/> (a multi-line message, put together) in the history.</summary>
    public void Remember(string text) => history.Add(text);

    /// <summary>A recalled multi-line message is edited on one line, each line end shown as ⏎.</summary>
    private static string Shown(string text) => text.Replace('\n', '⏎');
}
