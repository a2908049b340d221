using OpenInterpreter.Cli.CommandLine;
using OpenInterpreter.Cli.Terminal;
using OpenInterpreter.Core.Conversation;
using OpenInterpreter.Core.History;
using OpenInterpreter.Core.Languages;
using OpenInterpreter.Core.Models;
using OpenInterpreter.Core.Safety;
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
            : new RichConversationView(AnsiConsole.Console);

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

        // Every error, notice and verbose line, and every saved conversation, has the known secrets masked.
        var secrets = SecretRedactor.ForCurrentProcess(settings.Llm.ApiKey);
        view = new MaskingConversationView(view, secrets);
        var switches = new SessionSwitches(settings.Verbose, settings.AutoRun);
        using var model = CreateModel(settings, view, switches, interactive);
        var sandbox = CreateSandbox(settings, view);

        await using var languages = new LanguageRegistry { FilesDirectory = Path.Combine(paths.CacheDirectory, "files"), Sandbox = sandbox };

        // Under --stdin the input is used up, so permission can only be asked on the terminal itself, if there is one.
        using var terminal = invocation.ReadStdin ? ControllingTerminal.TryOpen() : null;
        using var input = invocation.ReadStdin ? terminal is null ? null : new LineReader(terminal.Reader) : OpenPrompt(paths);
        var promptWriter = terminal?.Writer ?? Console.Out;
        var asker = new TerminalApprover(input, promptWriter, view, Path.Combine(paths.CacheDirectory, "edits"));
        var safety = SafetyPolicy.ForCurrentUser(settings);
        var approver = new SafetyGate(new SwitchableApprover(switches, asker), asker, safety);

        var loop = new ConversationLoop(model, languages, approver, settings, paths);
        var conversations = new ConversationStore(paths.ConversationsDirectory) { Mask = secrets.Mask };
        var recorder = new ConversationRecorder(conversations);
        var shell = new ChatShell(loop, view, switches, recorder)
        {
            Commands = new SessionCommands(loop, languages, settings, switches, recorder, Console.Out) { Safety = safety },
        };
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            if (!shell.Interrupt())
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
            if (await ConversationPicker.PickAsync(conversations, latest, input, view).ConfigureAwait(false) is { } path)
            {
                var earlier = ConversationStore.Load(path);
                loop.Messages.AddRange(earlier);
                recorder.ContinueIn(path);
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

        await shell.RunInteractiveAsync(input!, Console.Out, message).ConfigureAwait(false);
        return ExitCodes.Done;
    }

    /// <summary>
    /// The sandbox the settings ask for, announced in one line. One that cannot be enforced here stops the program when
    /// asked for by name (--sandbox, sandbox:); when only implied by safe_mode: auto, it is said and runs go unconfined.
    /// </summary>
    private static Sandbox? CreateSandbox(InterpreterSettings settings, IConversationView view)
    {
        Sandbox? sandbox;
        try
        {
            sandbox = Sandbox.Create(settings.EffectiveSandbox, settings.SandboxNetwork, Environment.CurrentDirectory, OwnCommand(), Environment.GetEnvironmentVariable("INTERPRETER_SANDBOX_BACKEND"));
        }
        catch (Core.InterpreterException e) when (settings.Sandbox is null)
        {
            view.Notice($"safe_mode: auto would sandbox every run, but {e.Message} Runs are not sandboxed; the danger check still applies.");
            return null;
        }

        if (sandbox is not null)
        {
            view.Notice(sandbox.Description);
        }

        return sandbox;
    }

    /// <summary>The command that runs this program again (for the sandbox's launcher mode): the binary, or dotnet and the dll.</summary>
    private static IReadOnlyList<string> OwnCommand()
    {
        var process = Environment.ProcessPath ?? "";
        return Path.GetFileNameWithoutExtension(process) == "dotnet" ? [process, Environment.GetCommandLineArgs()[0]] : [process];
    }

    /// <summary>The prompt's input: a line editor with persisted history at a terminal, plain lines from a pipe.</summary>
    private static LineReader OpenPrompt(InterpreterPaths paths) =>
        Console.IsInputRedirected || Console.IsOutputRedirected
            ? new LineReader(Console.In)
            : new LineReader(new LineEditor(new PromptHistory(paths.PromptHistoryFile), Console.Out).ReadLine);

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
