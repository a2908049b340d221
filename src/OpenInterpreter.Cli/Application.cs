using OpenInterpreter.Cli.CommandLine;
using OpenInterpreter.Cli.Display;
using OpenInterpreter.Cli.Json;
using OpenInterpreter.Cli.Mcp;
using OpenInterpreter.Cli.Server;
using OpenInterpreter.Cli.Terminal;
using OpenInterpreter.Core.Conversation;
using OpenInterpreter.Core.History;
using OpenInterpreter.Core.Languages;
using OpenInterpreter.Core.Mcp;
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
        if (invocation.Mcp || invocation.Server || invocation.Json)
        {
            // The other front ends keep stdout for their protocol: the sandbox's and --local's lines go to stderr.
            var stderrView = new PlainConversationView(Console.Error, Console.Error);
            if (invocation.Local && !invocation.Mcp)
            {
                // Nobody is asked here: the remembered model while its server offers it, else the first one found.
                settings = await ChooseLocalModelAsync(settings, invocation, paths, interactive: false, stderrView).ConfigureAwait(false);
            }

            var frontEndSandbox = CreateSandbox(settings, stderrView);
            if (frontEndSandbox is null && settings.EffectiveSandbox != "off")
            {
                // safe_mode: auto's sandbox could not be made and that was said: the library is not to try again.
                settings = settings with { Sandbox = "off" };
            }
            if (invocation.Mcp)
            {
                return await McpServer.RunAsync(settings, paths, frontEndSandbox).ConfigureAwait(false);
            }

            if (invocation.Server)
            {
                return await InterpreterServer.RunAsync(ServerAddress.Resolve(invocation.Host, invocation.Port, Environment.GetEnvironmentVariables()), settings, paths, frontEndSandbox).ConfigureAwait(false);
            }

            return await JsonRun.RunAsync(settings, await ReadMessageAsync(invocation).ConfigureAwait(false) ?? throw new UsageException("--json answers one message: give it as words or with --stdin."), paths, frontEndSandbox).ConfigureAwait(false);
        }

        var plain = invocation.Plain || invocation.ReadStdin || Console.IsOutputRedirected;
        IConversationView view = plain
            ? new PlainConversationView(Console.Out, Console.Error)
            : new RichConversationView(AnsiConsole.Console, Console.Out) { WaitingLabel = $"waiting for {settings.Llm.Model}" };

        var message = await ReadMessageAsync(invocation).ConfigureAwait(false);

        var interactive = !plain && !Console.IsInputRedirected;
        if (invocation.Local)
        {
            settings = await ChooseLocalModelAsync(settings, invocation, paths, interactive, view).ConfigureAwait(false);
        }

        // Every error, notice and verbose line, and every saved conversation, has the known secrets masked.
        var secrets = SecretRedactor.ForCurrentProcess(settings.Llm.ApiKey);
        view = new MaskingConversationView(view, secrets);
        var switches = new SessionSwitches(settings.Verbose, settings.AutoRun, settings.Debug);
        using var speaker = settings.SpeakMessages ? MessageSpeaker.Find() : null;
        view = DecoratedView(view, settings, switches, speaker);
        using var model = CreateModel(settings, view, switches, interactive);
        var sandbox = CreateSandbox(settings, view);

        await using var languages = new LanguageRegistry { FilesDirectory = Path.Combine(paths.CacheDirectory, "files"), Sandbox = sandbox };

        // Under --stdin the input is used up, so permission can only be asked on the terminal itself, if there is one.
        using var terminal = invocation.ReadStdin ? ControllingTerminal.TryOpen() : null;
        // A person at the terminal with stdout sent to a file (interpreter "…" > out.txt) sees prompts and questions on
        // stderr, and only the answers go to the file. Scripts that pipe both ways keep reading prompts on stdout.
        var promptWriter = terminal?.Writer ?? (Console.IsOutputRedirected && !Console.IsInputRedirected ? Console.Error : Console.Out);
        using var input = invocation.ReadStdin ? terminal is null ? null : new LineReader(terminal.Reader) : OpenPrompt(paths, promptWriter);
        var asker = new TerminalApprover(input, promptWriter, view, Path.Combine(paths.CacheDirectory, "edits"));
        var safety = SafetyPolicy.ForCurrentUser(settings);
        var approver = new NoticingApprover(new SafetyGate(new SwitchableApprover(switches, asker), asker, safety), view);

        var loop = new ConversationLoop(model, languages, approver, settings, paths);
        if ((terminal is not null || interactive) && input is not null)
        {
            // Only a person at a terminal is asked; piped input holds the next messages, not answers.
            loop.AskToGoOn = async (question, token) =>
            {
                using var pause = view.PauseLive();
                return await YesNoQuestion.AskAsync(question, input, promptWriter, token).ConfigureAwait(false);
            };
        }

        await using var mcp = await McpConnections.ConnectAsync(settings.McpServers, approver, paths, settings.MaxOutput, settings.RedactSecrets ? secrets : null, line => { if (switches.Verbose) { view.Verbose(line); } }, CancellationToken.None).ConfigureAwait(false);
        loop.AddTools(mcp.Tools);
        var conversations = new ConversationStore(paths.ConversationsDirectory) { Mask = secrets.Mask };
        var recorder = new ConversationRecorder(conversations);
        var shell = new ChatShell(loop, view, switches, settings.ConversationHistory ? recorder : null)
        {
            ModelName = plain ? null : settings.Llm.Model,
            BacktickFences = settings.MultiLine,
            Commands = new SessionCommands(loop, languages, settings, switches, recorder, Console.Out) { Safety = safety, Mcp = mcp },
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

        using var signals = new TerminationSignals(shell, languages);

        // No tokenizer warm-up: building it costs ~140 ms of CPU and 47 MiB, and a request far from the context budget
        // never needs it (TokenCounter.UpperBound); it is built on the first request that nears the budget.

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
            var ok = await shell.TurnAsync(message!).ConfigureAwait(false);
            signals.WaitIfTerminating();
            return shell.WasInterrupted ? ExitCodes.Interrupted : ok ? ExitCodes.Done : ExitCodes.Failed;
        }

        input?.Keys?.Start();
        if (!plain)
        {
            Banner.Show(AnsiConsole.Console, settings, switches.AutoRun);
        }

        await shell.RunInteractiveAsync(input!, promptWriter, message).ConfigureAwait(false);
        signals.WaitIfTerminating();
        return ExitCodes.Done;
    }

    /// <summary><c>--local</c>: the local model to use, said in one line and remembered in the <c>local</c> profile.</summary>
    private static async Task<InterpreterSettings> ChooseLocalModelAsync(InterpreterSettings settings, Invocation invocation, InterpreterPaths paths, bool interactive, IConversationView view)
    {
        var profiles = new ProfileStore(paths.ProfilesDirectory);
        var remembered = LocalModelChooser.Remembered(profiles);
        settings = settings with { Llm = await LocalModelChooser.ChooseAsync(settings.Llm, invocation.ForceFunctions, interactive, paths.ModelsDirectory, remembered, CancellationToken.None).ConfigureAwait(false) };
        view.Notice(settings.Llm.ApiBase is null ? $"Using {settings.Llm.Model} in-process." : $"Using {settings.Llm.Model} at {settings.Llm.ApiBase}.");
        if (invocation.ForceFunctions && SettingsLoader.ToolCallingUnused(settings.Llm) is { } noTools)
        {
            // The settings were loaded before the choice fell on a GGUF file, so their warning could not say this.
            view.Notice($"--llm_supports_functions: {noTools}");
        }

        if (settings.Llm.Model != remembered)
        {
            LocalModelChooser.Remember(profiles, settings.Llm);
        }

        return settings;
    }

    /// <summary>The first message: the words on the command line, or all of standard input under <c>--stdin</c>.</summary>
    private static async Task<string?> ReadMessageAsync(Invocation invocation)
    {
        if (!invocation.ReadStdin)
        {
            return invocation.FirstMessage;
        }

        var message = (await Console.In.ReadToEndAsync().ConfigureAwait(false)).Trim();
        return message.Length > 0
            ? message
            : throw new UsageException("--stdin was given but standard input was empty.", "Pipe a message in: echo \"hello\" | interpreter --stdin.");
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

    /// <summary>The view with OI's display switches on top: no active line, the debug log of chunks, answers spoken.</summary>
    private static IConversationView DecoratedView(IConversationView view, InterpreterSettings settings, SessionSwitches switches, MessageSpeaker? speaker)
    {
        if (settings.SpeakMessages && speaker is null)
        {
            view.Notice($"--speak_messages: none of {string.Join(", ", MessageSpeaker.Programs)} is installed, so answers are not spoken (Debian: sudo apt-get install espeak-ng).");
        }

        view = settings.HighlightActiveLine ? view : new ActiveLineFilterView(view);
        view = new DebugView(view, switches);
        return speaker is null ? view : new SpokenView(view, speaker);
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
            if (switches.Verbose || switches.Debug)
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
