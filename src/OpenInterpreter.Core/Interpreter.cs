using System.Runtime.CompilerServices;
using OpenInterpreter.Core.Conversation;
using OpenInterpreter.Core.History;
using OpenInterpreter.Core.Languages;
using OpenInterpreter.Core.Mcp;
using OpenInterpreter.Core.Messages;
using OpenInterpreter.Core.Models;
using OpenInterpreter.Core.Settings;
using OpenInterpreter.Core.Tools;

namespace OpenInterpreter.Core;

/// <summary>
/// The library's front door: one conversation with a model that runs code in stateful language sessions. Create it
/// from <see cref="InterpreterSettings"/>, call <see cref="ChatAsync"/> with a message and read the LMC chunks as
/// they stream; the code runs only when <see cref="AutoRun"/> is on or the approval callback says yes.
/// </summary>
/// <example>
/// <code>
/// await using var interpreter = Interpreter.Create(new InterpreterSettings { AutoRun = true });
/// await foreach (var chunk in interpreter.ChatAsync("What is 2**100? Use Python."))
///     Console.Write(chunk.Content);
/// </code>
/// </example>
public sealed class Interpreter : IAsyncDisposable
{
    private readonly ChatModel _model;
    private readonly LanguageRegistry _languages;
    private readonly ConversationLoop _loop;
    private readonly ConversationRecorder? _recorder;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly ICodeApprover _approver;
    private readonly Action<string>? _log;
    private readonly InterpreterPaths _paths;
    private McpConnections? _mcp;
    private volatile bool _autoRun;

    private Interpreter(ChatModel model, LanguageRegistry languages, InterpreterSettings settings, InterpreterPaths paths, ICodeApprover ask, bool saveConversations, Action<string>? log)
    {
        _log = log;
        _paths = paths;
        _model = model;
        _languages = languages;
        _autoRun = settings.AutoRun;
        // The same safety as the terminal's: deny rules hold and a high finding is asked about (declined when the
        // callback says no, or when there is none) even under auto-run.
        _approver = new Safety.SafetyGate(new AutoRunApprover(this, ask), ask, Safety.SafetyPolicy.ForCurrentUser(settings));
        _loop = new ConversationLoop(model, languages, _approver, settings, paths);
        if (settings.MaxBudget is not null && ModelPrices.Find(settings.Llm.Model) is null)
        {
            // The terminal says so after every turn; here there is no status line, so it is said once, up front.
            log?.Invoke(_loop.Spending.Summary);
        }

        var secrets = Safety.SecretRedactor.ForCurrentProcess(settings.Llm.ApiKey);
        // OI's conversation_history: false keeps this conversation out of the conversations folder whatever the caller asked.
        _recorder = saveConversations && settings.ConversationHistory ? new ConversationRecorder(new ConversationStore(paths.ConversationsDirectory) { Mask = secrets.Mask }) : null;
        Settings = settings;
    }

    /// <summary>
    /// Creates an interpreter: the model client from <see cref="InterpreterSettings.Llm"/>, sessions started on first
    /// use. <paramref name="approve"/> is asked before each run while auto-run is off (null: nothing runs, and the
    /// model is told why); with <paramref name="saveConversations"/> each turn is saved like the terminal's.
    /// <paramref name="log"/> gets retry notices (and, with <see cref="InterpreterSettings.Verbose"/> or
    /// <see cref="InterpreterSettings.Debug"/>, the requests). The language sessions run inside <paramref name="sandbox"/>
    /// when one is given, else inside the one the settings ask for (<see cref="InterpreterSettings.EffectiveSandbox"/>,
    /// with bubblewrap); one asked for by name that cannot be enforced throws, one only implied by <c>safe_mode: auto</c>
    /// is said to <paramref name="log"/> and the sessions run unconfined, as at the terminal.
    /// </summary>
    public static Interpreter Create(
        InterpreterSettings settings,
        Func<CodeRequest, CancellationToken, ValueTask<bool>>? approve = null,
        bool saveConversations = false,
        InterpreterPaths? paths = null,
        Action<string>? log = null,
        Safety.Sandbox? sandbox = null) =>
        Create(settings, approve is null ? new DecliningApprover(DecliningApprover.NobodyToAsk) : new CallbackApprover(approve), saveConversations, paths, log, sandbox);

    /// <summary>Creates an interpreter that asks <paramref name="approver"/> (for code and for other tools' actions) while auto-run is off.</summary>
    public static Interpreter Create(
        InterpreterSettings settings,
        ICodeApprover approver,
        bool saveConversations = false,
        InterpreterPaths? paths = null,
        Action<string>? log = null,
        Safety.Sandbox? sandbox = null)
    {
        ArgumentNullException.ThrowIfNull(approver);
        ArgumentNullException.ThrowIfNull(settings);
        paths ??= InterpreterPaths.ForCurrentUser();
        sandbox ??= SandboxFor(settings, log);
        var model = ChatModelFactory.Create(settings.Llm, log is null ? null : line => { if (settings.Verbose || settings.Debug) { log(line); } }, log is null ? null : notice => log(notice.Text));
        var languages = new LanguageRegistry { FilesDirectory = Path.Combine(paths.CacheDirectory, "files"), Sandbox = sandbox };
        return new Interpreter(model, languages, settings, paths, approver, saveConversations, log);
    }

    /// <summary>The sandbox the settings ask for; the library has no launcher of its own, so only bubblewrap can enforce it.</summary>
    private static Safety.Sandbox? SandboxFor(InterpreterSettings settings, Action<string>? log)
    {
        try
        {
            return Safety.Sandbox.Create(settings.EffectiveSandbox, settings.SandboxNetwork, Environment.CurrentDirectory, launcher: []);
        }
        catch (InterpreterException e) when (settings.Sandbox is null)
        {
            log?.Invoke($"safe_mode: auto would sandbox every run, but {e.Message} Runs are not sandboxed; the danger check still applies.");
            return null;
        }
    }

    /// <summary>The settings it was created with.</summary>
    public InterpreterSettings Settings { get; }

    /// <summary>Run code without asking; may be switched while the interpreter lives (OI's <c>auto_run</c>).</summary>
    public bool AutoRun { get => _autoRun; set => _autoRun = value; }

    /// <summary>The conversation so far, in LMC shape; a front end may add earlier messages before the first turn.</summary>
    public List<LmcMessage> Messages => _loop.Messages;

    /// <summary>The tokens used so far (the provider's figures where it reports them, else counted).</summary>
    public TokenUsage Usage => _loop.Usage;

    /// <summary>The estimated cost so far in US dollars; null when the model's price is not known.</summary>
    public decimal? Cost => Usage.CostFor(Settings.Llm.Model);

    /// <summary>The file the conversation is saved to; null when not saving or before the first turn.</summary>
    public string? ConversationFile => _recorder?.Path;

    /// <summary>The language sessions, shared by every turn.</summary>
    public LanguageRegistry Languages => _languages;

    /// <summary>
    /// Sends <paramref name="message"/> and streams what happens as LMC chunks until the model answers without a tool
    /// call. Turns run one at a time; cancelling stops the model or the running code and keeps what arrived.
    /// </summary>
    public async IAsyncEnumerable<LmcChunk> ChatAsync(string message, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ConnectMcpAsync(cancellationToken).ConfigureAwait(false);
            await foreach (var chunk in _loop.ChatAsync(message, cancellationToken).ConfigureAwait(false))
            {
                yield return chunk;
            }
        }
        finally
        {
            _recorder?.Save(_loop.Messages);
            _turn.Release();
        }
    }

    /// <summary>
    /// Runs code whose approval was pending when its turn ended (<see cref="ApprovalPendingException"/>), then lets the
    /// model go on; the approver is asked again and must now say yes.
    /// </summary>
    public async IAsyncEnumerable<LmcChunk> RunApprovedCodeAsync(CodeRequest code, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await foreach (var chunk in _loop.RunApprovedCodeAsync(code, cancellationToken).ConfigureAwait(false))
            {
                yield return chunk;
            }
        }
        finally
        {
            _recorder?.Save(_loop.Messages);
            _turn.Release();
        }
    }

    /// <summary>
    /// Makes a tool call again whose action was pending when its turn ended (<see cref="ApprovalPendingException.Call"/>),
    /// then lets the model go on; the approver is asked again and must now say yes.
    /// </summary>
    public async IAsyncEnumerable<LmcChunk> RunApprovedCallAsync(Microsoft.Extensions.AI.FunctionCallContent call, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await foreach (var chunk in _loop.RunApprovedCallAsync(call, cancellationToken).ConfigureAwait(false))
            {
                yield return chunk;
            }
        }
        finally
        {
            _recorder?.Save(_loop.Messages);
            _turn.Release();
        }
    }

    /// <summary>The MCP servers of <see cref="InterpreterSettings.McpServers"/>, connected before the first turn.</summary>
    public McpConnections Mcp => _mcp ?? McpConnections.None;

    /// <summary>Starts the profile's MCP servers once and offers their tools; a server that fails to start fails the turn.</summary>
    public async Task ConnectMcpAsync(CancellationToken cancellationToken = default)
    {
        if (_mcp is null && Settings.McpServers.Count > 0)
        {
            _mcp = await McpConnections.ConnectAsync(Settings.McpServers, _approver, _paths, Settings.MaxOutput, Settings.RedactSecrets ? Safety.SecretRedactor.ForCurrentProcess(Settings.Llm.ApiKey) : null, _log, cancellationToken).ConfigureAwait(false);
            _loop.AddTools(_mcp.Tools);
        }
    }

    /// <summary>Clears the conversation and ends every language session; the next turn saves to a new file.</summary>
    public async Task ResetAsync()
    {
        await _turn.WaitAsync().ConfigureAwait(false);
        try
        {
            _loop.Messages.Clear();
            _recorder?.StartNew();
            await _languages.ResetAsync().ConfigureAwait(false);
        }
        finally
        {
            _turn.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _languages.DisposeAsync().ConfigureAwait(false);
        if (_mcp is not null)
        {
            await _mcp.DisposeAsync().ConfigureAwait(false);
        }

        _model.Dispose();
        _turn.Dispose();
    }

    /// <summary>Says yes while auto-run is on (still asking for what must always be asked), else asks <paramref name="ask"/>.</summary>
    private sealed class AutoRunApprover(Interpreter owner, ICodeApprover ask) : ICodeApprover
    {
        private readonly AutoApprover _auto = new(ask);

        public ValueTask<CodeApproval> ApproveAsync(CodeRequest request, CancellationToken cancellationToken) =>
            owner.AutoRun ? _auto.ApproveAsync(request, cancellationToken) : ask.ApproveAsync(request, cancellationToken);

        public ValueTask<CodeApproval> ApproveActionAsync(ToolAction action, CancellationToken cancellationToken) =>
            owner.AutoRun ? _auto.ApproveActionAsync(action, cancellationToken) : ask.ApproveActionAsync(action, cancellationToken);
    }

    /// <summary>Asks the library user's callback about code; other tools' actions are asked the same way, as their prompt.</summary>
    private sealed class CallbackApprover(Func<CodeRequest, CancellationToken, ValueTask<bool>> approve) : ICodeApprover
    {
        public async ValueTask<CodeApproval> ApproveAsync(CodeRequest request, CancellationToken cancellationToken) =>
            await approve(request, cancellationToken).ConfigureAwait(false) ? CodeApproval.Run() : CodeApproval.Decline();

        public async ValueTask<CodeApproval> ApproveActionAsync(ToolAction action, CancellationToken cancellationToken) =>
            await approve(new CodeRequest("action", action.Prompt), cancellationToken).ConfigureAwait(false)
                ? CodeApproval.Run()
                : CodeApproval.Decline(action.DeclinedText);
    }
}
