using OpenInterpreter.Cli.CommandLine;
using OpenInterpreter.Cli.Terminal;
using OpenInterpreter.Core.Conversation;
using OpenInterpreter.Core.History;
using OpenInterpreter.Core.Languages;
using OpenInterpreter.Core.Models;
using OpenInterpreter.Core.Settings;
using Spectre.Console;

namespace OpenInterpreter.Cli;

/// <summary>Puts the parts together for one command line: view, model, languages, approver, and the chat around them.</summary>
internal static class Application
{
    public static async Task<int> RunAsync(Invocation invocation)
    {
        var settings = invocation.Settings;
        var paths = InterpreterPaths.ForCurrentUser();
        var plain = invocation.Plain || invocation.ReadStdin || Console.IsOutputRedirected;
        IConversationView view = plain
            ? new PlainConversationView(Console.Out, Console.Error)
            : new RichConversationView(AnsiConsole.Console, Console.Out) { WaitingLabel = $"waiting for {settings.Llm.Model}" };

        var message = invocation.FirstMessage;
        if (invocation.ReadStdin)
        {
            message = (await Console.In.ReadToEndAsync().ConfigureAwait(false)).Trim();
            if (message.Length == 0)
            {
                throw new UsageException("--stdin was given but standard input was empty.", "Pipe a message in: echo \"hello\" | interpreter --stdin.");
            }
        }

        var interactive = !plain && !Console.IsInputRedirected;
        if (invocation.Local)
        {
            var profiles = new ProfileStore(paths.ProfilesDirectory);
            var remembered = LocalModelChooser.Remembered(profiles);
            settings = settings with { Llm = await LocalModelChooser.ChooseAsync(settings.Llm, invocation.ForceFunctions, interactive, paths.ModelsDirectory, remembered, CancellationToken.None).ConfigureAwait(false) };
            view.Notice(settings.Llm.ApiBase is null ? $"Using {settings.Llm.Model} in-process." : $"Using {settings.Llm.Model} at {settings.Llm.ApiBase}.");
            if (settings.Llm.Model != remembered)
            {
                LocalModelChooser.Remember(profiles, settings.Llm);
            }
        }

        var switches = new SessionSwitches(settings.Verbose, settings.AutoRun);
        using var model = CreateModel(settings, view, switches, interactive);
        await using var languages = new LanguageRegistry { FilesDirectory = Path.Combine(paths.CacheDirectory, "files") };

        // Under --stdin the input is used up, so permission can only be asked on the terminal itself, if there is one.
        using var terminal = invocation.ReadStdin ? ControllingTerminal.TryOpen() : null;
        // A person at the terminal with stdout sent to a file (interpreter "…" > out.txt) sees prompts and questions on
        // stderr, and only the answers go to the file. Scripts that pipe both ways keep reading prompts on stdout.
        var promptWriter = terminal?.Writer ?? (Console.IsOutputRedirected && !Console.IsInputRedirected ? Console.Error : Console.Out);
        using var input = invocation.ReadStdin ? terminal is null ? null : new LineReader(terminal.Reader) : OpenPrompt(paths, promptWriter);
        var approver = new SwitchableApprover(switches, new TerminalApprover(input, promptWriter, view, Path.Combine(paths.CacheDirectory, "edits")));

        var loop = new ConversationLoop(model, languages, approver, settings, paths);
        var conversations = new ConversationStore(paths.ConversationsDirectory);
        var recorder = new ConversationRecorder(conversations);
        var shell = new ChatShell(loop, view, switches, recorder)
        {
            ModelName = plain ? null : settings.Llm.Model,
            Commands = new SessionCommands(loop, languages, settings, switches, recorder, Console.Out),
        };
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            if (shell.Interrupt())
            {
                return; // the turn or command that runs stops
            }

            if (input is { IsTerminal: true } && input.Interrupt())
            {
                return; // at the prompt: the line editor clears the line, or asks for a second Ctrl-C
            }

            {
                // Ctrl-C at the prompt: leave, ending every session and its processes first.
                languages.ResetAsync().AsTask().GetAwaiter().GetResult();
                if (!Console.IsOutputRedirected)
                {
                    // The shell's prompt starts on a line of its own, not after what was half typed.
                    Console.Out.WriteLine();
                }

                Console.Out.Flush();
                Environment.Exit(ExitCodes.Interrupted);
            }
        };

        // The tokenizer's tables take a moment to load; do it while the user types, not on the first request.
        _ = Task.Run(() => loop.Tokens.Count("warm up"));

        if (invocation.PickConversation || invocation.ContinueLatest)
        {
            var latest = invocation.ContinueLatest || invocation.ReadStdin;
            string? path;
            try
            {
                path = await ConversationPicker.PickAsync(conversations, latest, input, view, promptWriter).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return ExitCodes.Interrupted; // Ctrl-C in the list
            }

            if (path is not null)
            {
                var earlier = ConversationStore.Load(path);
                loop.Messages.AddRange(earlier);
                recorder.ContinueIn(path);
                var first = earlier.FirstOrDefault(m => m.Role == OpenInterpreter.Core.Messages.LmcRole.User)?.Content?.ReplaceLineEndings(" ") ?? ConversationStore.Title(path);
                view.Notice($"Continuing {(first.Length > 60 ? first[..59] + "…" : first)} ({Path.GetFileName(path)}, {earlier.Count} messages).");
                if (!invocation.ReadStdin)
                {
                    await ConversationPicker.ShowAsync(earlier, view).ConfigureAwait(false);
                }
            }
        }

        if (invocation.ReadStdin)
        {
            return await shell.TurnAsync(message!).ConfigureAwait(false) ? ExitCodes.Done : ExitCodes.Failed;
        }

        input?.Keys?.Start();
        if (!plain)
        {
            Banner.Show(AnsiConsole.Console, settings, switches.AutoRun);
        }

        await shell.RunInteractiveAsync(input!, promptWriter, message).ConfigureAwait(false);
        return ExitCodes.Done;
    }

    /// <summary>
    /// The prompt's input: a line editor with persisted history when a person types at a terminal (drawn on
    /// <paramref name="prompt"/>, which is stderr when stdout is a file), plain lines from a pipe.
    /// </summary>
    private static LineReader OpenPrompt(InterpreterPaths paths, TextWriter prompt)
    {
        if (Console.IsInputRedirected)
        {
            return new LineReader(Console.In, prompt);
        }

        var keys = new TerminalKeys();
        return new LineReader(new LineEditor(new PromptHistory(paths.PromptHistoryFile), prompt, keys), keys);
    }

    private static ChatModel CreateModel(InterpreterSettings settings, IConversationView view, SessionSwitches switches, bool interactive)
    {
        // Always installed, so %verbose can turn the log on and off during the session.
        Action<string> log = line =>
        {
            if (switches.Verbose)
            {
                view.Verbose(line);
            }
        };
        Action<RetryNotice> retry = notice => view.Notice(notice.Text);
        try
        {
            return ChatModelFactory.Create(settings.Llm, log, retry);
        }
        catch (MissingApiKeyException missing) when (interactive)
        {
            // Asked once, masked, used for this session only: never written anywhere.
            var key = AnsiConsole.Prompt(new TextPrompt<string>($"{missing.Provider.DisplayName} API key ([grey]{missing.Provider.KeyVariable}[/]):").Secret());
            return ChatModelFactory.Create(settings.Llm with { ApiKey = key, ApiKeySource = "the key you typed" }, log, retry);
        }
    }
}
