using Spectre.Console;

namespace OpenInterpreter.Cli.Terminal;

/// <summary>
/// A list to choose one entry from at the terminal: ↑/↓ (or k/j) move, Enter chooses, Esc or q leave without a
/// choice. Drawn in the live region, so nothing else on screen is cleared and the cursor stays visible.
/// </summary>
internal sealed class SelectionList(TerminalKeys keys, TextWriter output, Func<int> width, Func<int> height)
{
    /// <summary>What the user did.</summary>
    public enum Outcome
    {
        Chosen,
        Left,
        Interrupted,
    }

    public async Task<(Outcome Outcome, int Index)> ChooseAsync(string title, IReadOnlyList<string> entries, CancellationToken cancellationToken)
    {
        var lines = new AnsiLines(AnsiConsole.Console.Profile.Capabilities.ColorSystem);
        var live = new LiveRegion(output, height);
        var page = Math.Max(Math.Min(entries.Count, height() - 4), 1);
        var selected = 0;
        while (true)
        {
            var top = Math.Clamp(selected - (page / 2), 0, Math.Max(entries.Count - page, 0));
            var rows = new List<string>(lines.Render(new Markup($"[bold]{Markup.Escape(title)}[/] [grey](↑/↓, Enter; Esc or q: none)[/]"), width()));
            for (var i = top; i < Math.Min(top + page, entries.Count); i++)
            {
                var entry = Markup.Escape(entries[i]);
                rows.AddRange(lines.Render(new Markup(i == selected ? $"[yellow]› {entry}[/]" : $"  {entry}"), width()));
            }

            live.Show(rows);
            var key = await keys.ReadKeyAsync(answer: true, cancellationToken).ConfigureAwait(false);
            if (TerminalKeys.IsInterrupt(key))
            {
                live.Clear();
                return (Outcome.Interrupted, -1);
            }

            switch (key.Key)
            {
                case ConsoleKey.UpArrow or ConsoleKey.K:
                    selected = Math.Max(selected - 1, 0);
                    break;
                case ConsoleKey.DownArrow or ConsoleKey.J:
                    selected = Math.Min(selected + 1, entries.Count - 1);
                    break;
                case ConsoleKey.Enter:
                    live.Commit([.. lines.Render(new Markup($"[grey]{Markup.Escape(title)}[/] {Markup.Escape(entries[selected])}"), width())]);
                    return (Outcome.Chosen, selected);
                case ConsoleKey.Escape or ConsoleKey.Q:
                    live.Clear();
                    return (Outcome.Left, -1);
            }
        }
    }
}
