using OpenInterpreter.Cli.Terminal;
using OpenInterpreter.Core.History;
using OpenInterpreter.Core.Messages;
using Spectre.Console;

namespace OpenInterpreter.Cli;

/// <summary>
/// Chooses the saved conversation to continue (<c>--conversations</c>, <c>--continue</c>): a selection list in a
/// terminal, a numbered list answered with a number otherwise. Each entry shows its first message, how many messages
/// it has and how old it is (two of the same name are told apart by their file). Damaged files are reported and left out.
/// </summary>
internal static class ConversationPicker
{
    /// <summary>The chosen conversation's file, or null when there is none or nothing was chosen.</summary>
    public static async Task<string?> PickAsync(ConversationStore store, bool latest, LineReader? input, IConversationView view, TextWriter? screen = null)
    {
        var (conversations, damaged) = store.List();
        foreach (var file in damaged)
        {
            view.Error($"Skipped {file}: it is not a readable conversation.");
        }

        if (conversations.Count == 0)
        {
            view.Notice("No saved conversations yet: starting a new one.");
            return null;
        }

        if (latest)
        {
            return conversations[0].Path;
        }

        var entries = Entries(conversations, DateTime.Now);
        if (input?.Keys is { } keys)
        {
            var list = new SelectionList(keys, screen ?? Console.Out, () => AnsiConsole.Console.Profile.Width, () => AnsiConsole.Console.Profile.Height);
            var (outcome, index) = await list.ChooseAsync("Which conversation do you want to continue?", entries, CancellationToken.None).ConfigureAwait(false);
            return outcome switch
            {
                SelectionList.Outcome.Chosen => conversations[index].Path,
                SelectionList.Outcome.Interrupted => throw new OperationCanceledException("The choice of a conversation was interrupted."),
                _ => null,
            };
        }

        for (var i = 0; i < conversations.Count; i++)
        {
            Console.WriteLine($"{i + 1}. {entries[i]}");
        }

        Console.Write("Which conversation do you want to continue? (number) ");
        Console.Out.Flush();
        var answer = input is null ? null : await input.ReadLineAsync(CancellationToken.None).ConfigureAwait(false);
        return int.TryParse(answer?.Trim(), out var number) && number >= 1 && number <= conversations.Count
            ? conversations[number - 1].Path
            : null;
    }

    /// <summary>One line per conversation: first message, message count, age, and the file when two have the same first words.</summary>
    private static List<string> Entries(IReadOnlyList<SavedConversation> conversations, DateTime now)
    {
        var repeated = conversations.GroupBy(c => c.Title).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        return [.. conversations.Select(c =>
        {
            List<LmcMessage> messages;
            try
            {
                messages = ConversationStore.Load(c.Path);
            }
            catch (Core.InterpreterException)
            {
                messages = [];
            }

            var first = messages.FirstOrDefault(m => m.Role == LmcRole.User && m.Type == LmcType.Message)?.Content ?? c.Title;
            first = first.ReplaceLineEndings(" ");
            if (first.Length > 60)
            {
                first = first[..59] + "…";
            }

            var line = $"{first} · {messages.Count} message{(messages.Count == 1 ? "" : "s")} · {Age(now - c.Saved)}";
            return repeated.Contains(c.Title) ? $"{line} · {Path.GetFileName(c.Path)}" : line;
        })];
    }

    private static string Age(TimeSpan age) => age switch
    {
        { TotalMinutes: < 1 } => "just now",
        { TotalHours: < 1 } => $"{(int)age.TotalMinutes} min ago",
        { TotalDays: < 1 } => $"{(int)age.TotalHours} h ago",
        _ => $"{(int)age.TotalDays} d ago",
    };

    /// <summary>Shows a continued conversation again: the user's messages as prompts, the rest as the view renders a turn.</summary>
    public static async Task ShowAsync(IReadOnlyList<LmcMessage> messages, IConversationView view)
    {
        var start = 0;
        for (var i = 0; i <= messages.Count; i++)
        {
            if (i == messages.Count || messages[i].Role == LmcRole.User)
            {
                await view.ShowTurnAsync(ConversationReplay.Chunks(messages.Skip(start).Take(i - start).ToList()), CancellationToken.None).ConfigureAwait(false);
                if (i < messages.Count)
                {
                    Console.WriteLine($"> {messages[i].Content}");
                }

                start = i + 1;
            }
        }
    }
}
