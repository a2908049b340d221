using OpenInterpreter.Cli.Terminal;
using OpenInterpreter.Core.History;
using OpenInterpreter.Core.Messages;
using Spectre.Console;

namespace OpenInterpreter.Cli;

/// <summary>
/// Chooses the saved conversation to continue (<c>--conversations</c>, <c>--continue</c>): a selection list in a
/// terminal, a numbered list answered with a number otherwise. Damaged files are reported and left out.
/// </summary>
internal static class ConversationPicker
{
    /// <summary>The chosen conversation's file, or null when there is none or nothing was chosen.</summary>
    public static async Task<string?> PickAsync(ConversationStore store, bool latest, LineReader? input, IConversationView view)
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

        if (!Console.IsInputRedirected && !Console.IsOutputRedirected)
        {
            var prompt = new SelectionPrompt<SavedConversation>()
                .Title("Which conversation do you want to continue?")
                .PageSize(15)
                .UseConverter(c => $"{Markup.Escape(c.Title)} [grey]{c.Saved:yyyy-MM-dd HH:mm}[/]")
                .AddChoices(conversations);
            return (await AnsiConsole.PromptAsync(prompt).ConfigureAwait(false)).Path;
        }

        for (var i = 0; i < conversations.Count; i++)
        {
            Console.WriteLine($"{i + 1}. {conversations[i].Title} ({conversations[i].Saved:yyyy-MM-dd HH:mm})");
        }

        Console.Write("Which conversation do you want to continue? (number) ");
        Console.Out.Flush();
        var answer = input is null ? null : await input.ReadLineAsync(CancellationToken.None).ConfigureAwait(false);
        return int.TryParse(answer?.Trim(), out var number) && number >= 1 && number <= conversations.Count
            ? conversations[number - 1].Path
            : null;
    }

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
