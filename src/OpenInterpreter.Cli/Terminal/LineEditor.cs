using System.Text;

namespace OpenInterpreter.Cli.Terminal;

/// <summary>
/// Reads one line from the terminal with editing: arrows, Home/End (Ctrl-A/E), Backspace/Delete, Ctrl-U, Ctrl-K, and
/// Up/Down through <see cref="PromptHistory"/>. It redraws from the cursor position saved where the line began, so it
/// works after any prompt. Ctrl-D on an empty line is end of input. Used only when standard input is a terminal.
/// </summary>
internal sealed class LineEditor(PromptHistory history, TextWriter output)
{
    private const string SaveCursor = "\u001b7";
    private const string RestoreCursor = "\u001b8";
    private const string ClearToEnd = "\u001b[K";

    /// <summary>The next line, or null at end of input.</summary>
    public string? ReadLine()
    {
        var line = new StringBuilder();
        var cursor = 0;
        var recalled = history.Lines.Count;
        string? draft = null;
        output.Write(SaveCursor);
        output.Flush();

        void Redraw()
        {
            output.Write(RestoreCursor + line + ClearToEnd);
            if (line.Length > cursor)
            {
                output.Write($"\u001b[{line.Length - cursor}D");
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
            var key = Console.ReadKey(intercept: true);
            var control = (key.Modifiers & ConsoleModifiers.Control) != 0;
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
                        return null;
                    }

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
                case ConsoleKey.UpArrow or ConsoleKey.P when (key.Key == ConsoleKey.UpArrow || control) && recalled > 0:
                    draft ??= line.ToString();
                    Replace(history.Lines[--recalled]);
                    break;
                case ConsoleKey.DownArrow or ConsoleKey.N when (key.Key == ConsoleKey.DownArrow || control) && recalled < history.Lines.Count:
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
}
