using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using OpenInterpreter.Core;
using OpenInterpreter.Core.Conversation;
using OpenInterpreter.Core.History;
using OpenInterpreter.Core.Languages;
using OpenInterpreter.Core.Messages;
using OpenInterpreter.Core.Models;
using OpenInterpreter.Core.Settings;

namespace OpenInterpreter.Cli;

/// <summary>
/// The commands typed at the prompt that start with <c>%</c> (SPEC section 8): they act on the session and the
/// conversation without asking the model, and write their answer to <paramref name="output"/>.
/// </summary>
internal sealed class SessionCommands(
    ConversationLoop loop,
    LanguageRegistry languages,
    InterpreterSettings settings,
    SessionSwitches switches,
    ConversationRecorder recorder,
    TextWriter output)
{
    public const string Help = """"
        %reset                 start over: clear the conversation and end every language session
        %undo [n]              remove the last exchange, or the last n (your message and everything after it)
        %tokens [prompt]       tokens of the next request (with the prompt, if given, and the tools) and its estimated cost
        %verbose [true|false]  show requests, raw chunks and timings
        %debug [true|false]    the verbose log and every chunk of the conversation as JSON
        %auto_run [true|false] run code without asking
        %info                  versions, system, model and settings (keys masked)
        %permissions           the permission rules in force (the profile's and this session's)
        %save_message [path]   save the conversation as JSON (default messages.json)
        %load_message [path]   load a conversation saved as JSON (default messages.json)
        %markdown [path]       export the conversation as Markdown (default conversation.md)
        %jupyter [path]        export the code and its output as a Jupyter notebook (default conversation.ipynb)
        %% <command>           run a shell command in the shell session
        %mcp                   the MCP servers of the profile and their tools
        %help                  this list
        """                    open and close multi-line input
        """";

    /// <summary>The profile's MCP servers, connected; <c>%mcp</c> lists them.</summary>
    public Core.Mcp.McpConnections Mcp { get; init; } = Core.Mcp.McpConnections.None;

    /// <summary>Runs the command line <paramref name="line"/>, which starts with <c>%</c>.</summary>
    public async Task RunAsync(string line, CancellationToken cancellationToken)
    {
        if (line.StartsWith("%%", StringComparison.Ordinal))
        {
            await ShellAsync(line[2..].Trim(), cancellationToken).ConfigureAwait(false);
            return;
        }

        var space = line.IndexOf(' ');
        var name = (space < 0 ? line[1..] : line[1..space]).ToLowerInvariant();
        var argument = space < 0 ? null : line[(space + 1)..].Trim() is { Length: > 0 } a ? a : null;
        if (argument is not null && name is "help" or "reset" or "mcp" or "info" or "permissions")
        {
            // Taken and ignored, "%reset now" would look as if it had done something else than what it does.
            await WriteAsync($"%{name} takes nothing after it; leave out '{argument}'.").ConfigureAwait(false);
            return;
        }

        switch (name)
        {
            case "help":
                await WriteAsync(Help).ConfigureAwait(false);
                break;
            case "reset":
                loop.Messages.Clear();
                await languages.ResetAsync().ConfigureAwait(false);
                recorder.StartNew();
                await WriteAsync("The conversation was cleared and every language session ended.").ConfigureAwait(false);
                break;
            case "undo":
                await UndoAsync(argument).ConfigureAwait(false);
                break;
            case "mcp":
                await WriteAsync(Mcp.Describe()).ConfigureAwait(false);
                break;
            case "tokens":
                await WriteAsync(TokensText(argument)).ConfigureAwait(false);
                break;
            case "verbose":
                switches.Verbose = Toggle(argument, switches.Verbose);
                await WriteAsync($"Verbose mode is {(switches.Verbose ? "on" : "off")}.").ConfigureAwait(false);
                break;
            case "debug":
                switches.Debug = Toggle(argument, switches.Debug);
                await WriteAsync($"Debug mode is {(switches.Debug ? "on" : "off")}.").ConfigureAwait(false);
                break;
            case "auto_run" or "auto-run":
                switches.AutoRun = Toggle(argument, switches.AutoRun);
                await WriteAsync(switches.AutoRun ? "Code will run without asking." : "Code will run only after you say yes.").ConfigureAwait(false);
                break;
            case "info":
                await WriteAsync(InfoText()).ConfigureAwait(false);
                break;
            case "permissions":
                await WriteAsync(PermissionsText()).ConfigureAwait(false);
                break;
            case "save_message":
                var saveTo = WritablePath(JsonName(argument));
                WriteNamedFile(saveTo, () => new ConversationStore(Path.GetDirectoryName(saveTo)!).Save(saveTo, loop.Messages));
                await WriteAsync($"Saved {loop.Messages.Count} messages to {saveTo}.").ConfigureAwait(false);
                break;
            case "load_message":
                var loadFrom = Path.GetFullPath(JsonName(argument));
                var loaded = File.Exists(loadFrom) ? LoadConversation(loadFrom) : throw new InterpreterException($"There is no file {loadFrom}.");
                loop.Messages.Clear();
                loop.Messages.AddRange(loaded);
                await WriteAsync($"Loaded {loaded.Count} messages from {loadFrom}.").ConfigureAwait(false);
                break;
            case "markdown":
                var markdown = WritablePath(argument ?? "conversation.md");
                WriteNamedFile(markdown, () => AtomicFile.Write(markdown, s => s.Write(Encoding.UTF8.GetBytes(MarkdownExport.Write(loop.Messages)))));
                await WriteAsync($"Wrote the conversation to {markdown}.").ConfigureAwait(false);
                break;
            case "jupyter":
                var notebook = WritablePath(argument ?? "conversation.ipynb");
                WriteNamedFile(notebook, () => AtomicFile.Write(notebook, s => s.Write(NotebookExport.Write(loop.Messages))));
                await WriteAsync($"Wrote the notebook {notebook}.").ConfigureAwait(false);
                break;
            default:
                await WriteAsync($"Unknown command: %{name}\n{Help}").ConfigureAwait(false);
                break;
        }
    }

    /// <summary>The full path of a file to write; a folder, or a file in a folder that does not exist, is refused with the reason.</summary>
    private static string WritablePath(string argument)
    {
        var path = Path.GetFullPath(argument);
        if (Directory.Exists(path))
        {
            throw new InterpreterException($"{path} is a folder.", $"Give a file name, such as {Path.Combine(argument, "conversation.md")}.");
        }

        var folder = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder))
        {
            throw new InterpreterException($"There is no folder {folder}.", "Create it first, or give a path in a folder that exists.");
        }

        return path;
    }

    /// <summary>
    /// Runs <paramref name="write"/>, which writes <paramref name="path"/>; a folder that takes no new file (no
    /// permission, read-only, full, a /proc-like one) is one line naming the file, not an unexpected error.
    /// </summary>
    private static void WriteNamedFile(string path, Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The exception names the temporary file beside the target, which the user never asked for.
            var reason = e is UnauthorizedAccessException ? "permission denied"
                : e is FileNotFoundException or DirectoryNotFoundException ? "its folder takes no new files"
                : e.Message.TrimEnd('.');
            throw new InterpreterException($"{path} could not be written: {reason}.", "Give a path in a folder you can write to.", e);
        }
    }

    /// <summary>A conversation file to load; a damaged one is one line saying so, and the conversation in memory stays.</summary>
    private static List<LmcMessage> LoadConversation(string path)
    {
        try
        {
            return ConversationStore.Load(path);
        }
        catch (InterpreterException e)
        {
            var reason = e.InnerException is System.Text.Json.JsonException json && json.LineNumber is { } line
                ? $"it is not valid JSON (line {line + 1})"
                : "it holds no list of messages";
            throw new InterpreterException($"{path} is not a conversation that can be loaded: {reason}.", "The conversation you have is unchanged.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = e is UnauthorizedAccessException ? "permission denied" : e.Message.TrimEnd('.');
            throw new InterpreterException($"{path} could not be read: {reason}.", "The conversation you have is unchanged.", e);
        }
    }

    private async Task UndoAsync(string? argument)
    {
        var wanted = 1;
        if (argument is not null && (!int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out wanted) || wanted < 1))
        {
            await WriteAsync($"Usage: %undo [n], n a number of exchanges (1 or more), not '{argument}'.").ConfigureAwait(false);
            return;
        }

        // Each exchange starts at one of the user's messages: count them back from the end.
        var from = loop.Messages.Count;
        var exchanges = 0;
        for (var i = loop.Messages.Count - 1; i >= 0 && exchanges < wanted; i--)
        {
            if (loop.Messages[i].Role == LmcRole.User)
            {
                from = i;
                exchanges++;
            }
        }

        if (exchanges == 0)
        {
            await WriteAsync("Nothing to undo.").ConfigureAwait(false);
            return;
        }

        var removed = loop.Messages.Count - from;
        loop.Messages.RemoveRange(from, removed);
        var what = exchanges == 1 ? "the last exchange" : $"the last {exchanges} exchanges";
        var fewer = exchanges < wanted ? $"; there were only {exchanges}" : "";
        await WriteAsync($"Removed {what} ({removed} message{(removed == 1 ? "" : "s")}){fewer}.").ConfigureAwait(false);
    }

    /// <summary>The safety policy whose rules <c>%permissions</c> lists; null when the session has none.</summary>
    public Core.Safety.SafetyPolicy? Safety { get; init; }

    private string PermissionsText()
    {
        var rules = Safety?.Rules.Rules ?? [];
        var mode = $"safe_mode: {settings.SafeMode}, sandbox: {settings.EffectiveSandbox}";
        return rules.Count == 0
            ? $"No permission rules ({mode}). Add them to a profile: permissions: {{allow: [\"shell(git status:*)\"], deny: [\"shell(rm:*)\"]}}."
            : $"Permission rules ({mode}; deny beats ask beats allow):\n" + string.Join("\n", rules.OrderByDescending(r => r.Kind).Select(r => $"  {r}   ({r.Source})"));
    }

    private string TokensText(string? prompt)
    {
        var request = loop.BuildRequest(prompt);
        var counter = loop.Tokens;
        var tools = loop.ToolTokens;
        var tokens = counter.Count(request) + tools;
        var count = counter.IsExact ? $"{tokens} tokens" : $"about {tokens} tokens (estimated with {counter.Encoding})";
        var window = settings.Llm.ContextWindow ?? ModelPrices.Find(settings.Llm.Model)?.ContextWindow;
        var text = new StringBuilder($"The next request: {count} in {request.Count} messages");
        if (tools > 0)
        {
            text.Append($" (the tool declarations are {tools} of them)");
        }

        text.Append(window is { } w ? $", of a context window of {w}." : ".");
        var price = ModelPrices.Find(settings.Llm.Model);
        text.Append(price is null
            ? $" No price is known for {settings.Llm.Model}."
            : $" Estimated cost: ${price.InputCost(tokens).ToString("0.######", CultureInfo.InvariantCulture)} as input to {price.Model} (${price.InputPerMillion.ToString(CultureInfo.InvariantCulture)} per million tokens).");
        if (loop.Spending is { } spending)
        {
            text.Append(' ').Append(spending.Summary);
        }

        return text.ToString();
    }

    private string InfoText()
    {
        var llm = settings.Llm;
        string Route()
        {
            try
            {
                return ModelRoute.Resolve(llm).EndpointText;
            }
            catch (InterpreterException e)
            {
                return e.Message;
            }
        }

        return $"""
            interpreter {typeof(SessionCommands).Assembly.GetName().Version?.ToString(3)} on {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})
            model: {llm.Model} at {Route()}
            api_key: {SecretMask.Mask(llm.ApiKey)}{(llm.ApiKeySource is null ? "" : $" from {llm.ApiKeySource}")}
            context_window: {ContextWindowText()}, max_tokens: {(llm.MaxTokens?.ToString(CultureInfo.InvariantCulture) ?? "the provider's default")}, temperature: {llm.Temperature.ToString(CultureInfo.InvariantCulture)}
            auto_run: {Lower(switches.AutoRun)}, verbose: {Lower(switches.Verbose)}, safe_mode: {settings.SafeMode}, max_output: {settings.MaxOutput}
            languages: {string.Join(", ", languages.Available.Select(l => l.Name))}
            conversation: {loop.Messages.Count} messages, saved to {recorder.Path ?? "(not saved yet)"}
            """;
    }

    private string ContextWindowText() =>
        settings.Llm.ContextWindow?.ToString(CultureInfo.InvariantCulture)
        ?? (ModelPrices.Find(settings.Llm.Model) is { } known ? $"{known.ContextWindow} (known for {known.Model})" : "unknown (no trimming)");

    private async Task ShellAsync(string command, CancellationToken cancellationToken)
    {
        if (command.Length == 0)
        {
            await WriteAsync("Usage: %% <shell command>").ConfigureAwait(false);
            return;
        }

        var shell = languages.Find("shell");
        if (shell is null || languages.GetInstallHint(shell) is not null)
        {
            await WriteAsync("The shell is not available here.").ConfigureAwait(false);
            return;
        }

        var text = new StringBuilder();
        try
        {
            await foreach (var ev in languages.GetSession(shell).RunAsync(command, cancellationToken).ConfigureAwait(false))
            {
                var shown = ev switch
                {
                    OutputWritten written => written.Text,
                    // A command that fails quietly (false, grep with no match) would otherwise leave no trace at all.
                    RunCompleted { Status: not RunStatus.Succeeded, Error: { } error } => $"{(text.Length > 0 && text[^1] != '\n' ? "\n" : "")}[{error}]\n",
                    _ => null,
                };
                if (shown is not null)
                {
                    text.Append(shown);
                    await output.WriteAsync(shown).ConfigureAwait(false);
                    await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            // The model sees what the user ran and what it printed, as OI does.
            loop.Messages.Add(LmcMessage.ConsoleOutput($"$ {command}\n{text}".TrimEnd()));
        }

        if (text.Length > 0 && text[^1] != '\n')
        {
            await output.WriteLineAsync().ConfigureAwait(false);
        }
    }

    private static bool Toggle(string? argument, bool current) => argument?.ToLowerInvariant() switch
    {
        null => !current,
        "true" or "on" or "yes" or "1" => true,
        "false" or "off" or "no" or "0" => false,
        _ => throw new InterpreterException($"Expected true or false, not '{argument}'."),
    };

    /// <summary>As OI: <c>%save_message work</c> writes <c>work.json</c>.</summary>
    private static string JsonName(string? argument) =>
        argument is null ? "messages.json" : argument.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? argument : argument + ".json";

    private static string Lower(bool value) => value ? "true" : "false";

    private async Task WriteAsync(string text)
    {
        await output.WriteLineAsync(text.TrimEnd()).ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
    }
}
