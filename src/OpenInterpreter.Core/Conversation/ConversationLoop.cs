using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;
using OpenInterpreter.Core.Languages;
using OpenInterpreter.Core.Messages;
using OpenInterpreter.Core.Models;
using OpenInterpreter.Core.Settings;
using OpenInterpreter.Core.TextMode;
using OpenInterpreter.Core.Tools;

namespace OpenInterpreter.Core.Conversation;

/// <summary>
/// The agent loop of SPEC section 2: sends the conversation to the model with the chosen tools, hands each tool call
/// to the tool that handles it (which asks, acts and records the result), and repeats until the model answers
/// without a tool call. Everything it does streams out as LMC chunks; the conversation is kept in <see cref="Messages"/>,
/// including what arrived before an error or Ctrl-C.
/// </summary>
public sealed class ConversationLoop(
    ChatModel model,
    LanguageRegistry languages,
    ICodeApprover approver,
    InterpreterSettings settings,
    InterpreterPaths paths)
{
    private ToolSet _tools = ToolSet.Create(languages, approver, settings, paths);

    /// <summary>Offers <paramref name="tools"/> too (an MCP server's, connected after the loop was made), from the next request on.</summary>
    public void AddTools(IEnumerable<ITool> tools) => _tools = new ToolSet([.. _tools.Tools, .. tools]);

    /// <summary>The conversation so far, in LMC shape; it starts with a profile's messages (OI's few-shot examples), if any.</summary>
    public List<LmcMessage> Messages { get; } = [.. settings.Messages ?? []];

    /// <summary>The system message sent first on every request.</summary>
    public string SystemText => SystemMessage.Build(EnabledLanguages, settings.SystemMessage, settings.CustomInstructions) + ExecutionInstructions;

    /// <summary>How to run code, after the system message: ours, or OI's <c>llm.execution_instructions</c> (empty: none).</summary>
    private string ExecutionInstructions => settings.ExecutionInstructions switch
    {
        null => TextMode ? "\n\n" + CodeBlockInstructions.For(EnabledLanguages) : _tools.Instructions,
        "" => "",
        var text => "\n\n" + text,
    };

    /// <summary>Models without tool calling write code as fenced blocks in their text, and get its output as a user message.</summary>
    private bool TextMode => !settings.Llm.SupportsFunctions || !model.SupportsTools;

    /// <summary>The model, reading code written in text as calls (fenced blocks in text mode; JSON written by weak models always).</summary>
    private IChatClient Client => _client ??= new WrittenCodeChatClient(model.Client, readCodeBlocks: TextMode);

    private IChatClient? _client;

    private IReadOnlyList<string> EnabledLanguages => languages.Available.Where(Allowed).Select(l => l.Name).ToList();

    /// <summary>Whether the profile's <c>computer.languages</c> (when set) lets the model use <paramref name="language"/>.</summary>
    private bool Allowed(LanguageInfo language) => settings.Languages is null || settings.Languages.Any(language.Answers);

    /// <summary>Counts tokens for this model: used to trim the context and by <c>%tokens</c>.</summary>
    public TokenCounter Tokens => _tokens ??= TokenCounter.For(settings.Llm.Model);

    private TokenCounter? _tokens;

    /// <summary>Tokens of every model call of this session so far (the status line shows a turn's share and the total).</summary>
    public TokenUsage Usage { get; private set; } = TokenUsage.None;

    /// <summary>Tokens the tool declarations add to every request (names, descriptions, JSON schemas).</summary>
    public int ToolTokens => TextMode ? 0 : _tools.Declare().Sum(tool => Tokens.Count(Declaration(tool)));

    private static string Declaration(AITool tool) => tool.Name + " " + tool.Description + " " + (tool is AIFunction function ? function.JsonSchema.GetRawText() : "");

    /// <summary>What the conversation has spent, against <c>max_budget</c>.</summary>
    public Safety.SpendingMeter Spending { get; } = new(ModelPrices.Find(settings.Llm.Model), settings.MaxBudget);

    /// <summary>The messages the next request sends, trimmed to the context window, with <paramref name="nextUserMessage"/> last when given.</summary>
    public List<ChatMessage> BuildRequest(string? nextUserMessage = null)
    {
        IReadOnlyList<LmcMessage> messages = nextUserMessage is null ? Messages : [.. Messages, LmcMessage.UserText(nextUserMessage)];
        var history = ChatHistory.Build(SystemText, messages, settings.Llm.SupportsVision ?? VisionModels.Recognises(settings.Llm.Model), codeAsText: TextMode, settings.Templates);
        return ContextTrimmer.Budget(settings.Llm) is { } budget ? ContextTrimmer.Trim(history, budget, Tokens) : history;
    }

    /// <summary>Adds the user's message and runs the loop until the model is done, streaming what happens.</summary>
    public IAsyncEnumerable<LmcChunk> ChatAsync(string userMessage, CancellationToken cancellationToken)
    {
        // Calls that waited behind one the user did not say yes to are not made; the model is told so.
        if (TakeDeferred() is { } deferred)
        {
            foreach (var call in deferred.Calls)
            {
                RecordNotMade(call, deferred.Drafts, "Not run: an earlier call of the same reply waited for the user's yes, and the user did not give it.");
            }
        }

        Messages.Add(LmcMessage.UserText(userMessage));
        return RespondAsync(cancellationToken);
    }

    /// <summary>The calls of one reply after a call that waits for a yes (<see cref="ApprovalPendingException"/>): made after it, when it is approved.</summary>
    private sealed record DeferredCalls(IReadOnlyList<FunctionCallContent> Calls, SortedDictionary<int, ToolCallDraft> Drafts);

    private DeferredCalls? _deferred;

    private DeferredCalls? TakeDeferred()
    {
        var deferred = _deferred;
        _deferred = null;
        return deferred;
    }

    /// <summary>Records a call that was not made, with why, so that every call of a reply has its result.</summary>
    private void RecordNotMade(FunctionCallContent call, SortedDictionary<int, ToolCallDraft> drafts, string reason)
    {
        var draft = drafts.Values.FirstOrDefault(d => d.CallId == call.CallId);
        Messages.Add(call.Name == ExecuteTool.Name && draft?.ShownLanguage is { } language
            ? LmcMessage.AssistantCode(language, draft.ShownCode.ToString())
            : new LmcMessage(LmcRole.Assistant, LmcType.Code, draft?.RawArguments.ToString() ?? ToolArgumentsJson.Write(call.Arguments ?? new Dictionary<string, object?>()), call.Name));
        Messages.Add(LmcMessage.ConsoleOutput(reason));
    }

    /// <summary>
    /// Hands the calls of one reply to their tools in order. When one waits for a yes, the ones after it are kept
    /// (<see cref="_deferred"/>) and made once it is approved, instead of being lost.
    /// </summary>
    private async IAsyncEnumerable<LmcChunk> HandleCallsAsync(
        IReadOnlyList<FunctionCallContent> calls,
        SortedDictionary<int, ToolCallDraft> drafts,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var i = 0; i < calls.Count; i++)
        {
            await using var chunks = HandleCallAsync(calls[i], drafts, cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                try
                {
                    if (!await chunks.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (ApprovalPendingException)
                {
                    _deferred = i + 1 < calls.Count ? new DeferredCalls([.. calls.Skip(i + 1)], drafts) : null;
                    throw;
                }

                yield return chunks.Current;
            }
        }
    }

    /// <summary>
    /// Runs code the user approved after its turn ended (a server's "yes" to an <see cref="ApprovalPendingException"/>):
    /// hands it to the tools as an <c>execute</c> call, then lets the model go on with the output, streaming both.
    /// </summary>
    public async IAsyncEnumerable<LmcChunk> RunApprovedCodeAsync(CodeRequest code, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var arguments = new Dictionary<string, object?> { ["language"] = code.Language, ["code"] = code.Code };
        var call = new FunctionCallContent($"call_approved_{Messages.Count}", ExecuteTool.Name, arguments);
        var deferred = TakeDeferred();
        await foreach (var chunk in HandleCallAsync(call, [], cancellationToken).ConfigureAwait(false))
        {
            yield return chunk;
        }

        // Then the calls of the same reply that waited behind it.
        await foreach (var chunk in HandleCallsAsync(deferred?.Calls ?? [], deferred?.Drafts ?? [], cancellationToken).ConfigureAwait(false))
        {
            yield return chunk;
        }

        await foreach (var chunk in RespondAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return chunk;
        }
    }

    /// <summary>Calls the model and its tools until it answers without a tool call.</summary>
    private async IAsyncEnumerable<LmcChunk> RespondAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var options = new ChatOptions
        {
            Temperature = (float)settings.Llm.Temperature,
            MaxOutputTokens = settings.Llm.MaxTokens,
            Tools = TextMode ? null : _tools.Declare(),
            ToolMode = TextMode ? null : ChatToolMode.Auto,
        };

        var repeats = new RepeatedCallGuard();
        for (var request = 1; ; request++)
        {
            if (request > settings.MaxTurns)
            {
                throw new InterpreterException(
                    $"Stopped after {settings.MaxTurns} model requests in this turn (max_turns); the conversation is kept.",
                    "Send a message to go on, or raise --max_turns (profile key max_turns).");
            }

            var calls = new List<FunctionCallContent>();
            var drafts = new SortedDictionary<int, ToolCallDraft>();
            await foreach (var chunk in StreamReplyAsync(options, calls, drafts, cancellationToken).ConfigureAwait(false))
            {
                yield return chunk;
            }

            if (calls.Count == 0)
            {
                // Loop mode (OI's --loop): the model is told to go on until its answer says the task is over.
                if (!settings.Loop || LoopBreaker.Said(Messages, settings.LoopBreakers))
                {
                    yield break;
                }

                Messages.Add(LmcMessage.UserText(settings.LoopMessage));
                continue;
            }

            var before = Messages.Count;
            await foreach (var chunk in HandleCallsAsync(calls, drafts, cancellationToken).ConfigureAwait(false))
            {
                yield return chunk;
            }

            if (repeats.IsStuck(calls, Messages.Skip(before)))
            {
                var what = $"The model made the same call {RepeatedCallGuard.Limit} times in a row and got the same result each time";
                if (AskToGoOn is null || !await AskToGoOn($"{what}. Let it go on?", cancellationToken).ConfigureAwait(false))
                {
                    throw new InterpreterException($"{what}; stopped it.", "Send a message to steer it, or rephrase the task.");
                }

                repeats.Reset();
            }
        }
    }

    /// <summary>
    /// Asks the user a yes/no question (whether a model that repeats itself may go on); null where nobody can be
    /// asked, and the loop then stops.
    /// </summary>
    public Func<string, CancellationToken, ValueTask<bool>>? AskToGoOn { get; set; }

    /// <summary>One model call: text and code stream out live; finished tool calls are collected into <paramref name="calls"/>.</summary>
    private async IAsyncEnumerable<LmcChunk> StreamReplyAsync(
        ChatOptions options,
        List<FunctionCallContent> calls,
        SortedDictionary<int, ToolCallDraft> drafts,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var history = BuildRequest();
        // The cap is checked before the request is sent: a turn that would pass it stops here, with one line. Without a
        // cap nothing is counted here, so the first request does not wait for the tokenizer.
        if (Spending.Cap is not null)
        {
            Spending.EnsureRoom(Tokens.Count(history));
        }

        var text = new StringBuilder();
        UsageDetails? reported = null;
        var textOpen = false;
        ToolCallDraft? openCode = null;
        var end = new ReplyEnd();
        try
        {
            await using var updates = Translate(Client.GetStreamingResponseAsync(history, options, cancellationToken), cancellationToken)
                .GetAsyncEnumerator(cancellationToken);
            while (await updates.MoveNextAsync().ConfigureAwait(false))
            {
                end.Note(updates.Current.FinishReason);
                foreach (var content in updates.Current.Contents)
                {
                    switch (content)
                    {
                        case TextContent { Text.Length: > 0 } delta:
                            if (openCode is not null)
                            {
                                yield return EndCode(openCode);
                                openCode = null;
                            }

                            if (!textOpen)
                            {
                                textOpen = true;
                                yield return new LmcChunk(LmcRole.Assistant, LmcType.Message, Start: true);
                            }

                            text.Append(delta.Text);
                            yield return new LmcChunk(LmcRole.Assistant, LmcType.Message, Content: delta.Text);
                            break;

                        case ToolCallFragment fragment:
                            if (textOpen)
                            {
                                textOpen = false;
                                yield return new LmcChunk(LmcRole.Assistant, LmcType.Message, End: true);
                            }

                            var draft = drafts.TryGetValue(fragment.Index, out var known) ? known : drafts[fragment.Index] = new ToolCallDraft();
                            draft.CallId ??= fragment.CallId;
                            draft.Name ??= fragment.Name;
                            draft.RawArguments.Append(fragment.Arguments);
                            draft.PendingCode.Append(draft.Reader.Read(fragment.Arguments));
                            if (openCode is not null && openCode != draft)
                            {
                                yield return EndCode(openCode);
                                openCode = null;
                            }

                            if (draft.ShownLanguage is null && draft.Reader.Language is { } language)
                            {
                                draft.ShownLanguage = language;
                                openCode = draft;
                                yield return new LmcChunk(LmcRole.Assistant, LmcType.Code, language, Start: true);
                            }

                            if (openCode == draft && draft.PendingCode.Length > 0)
                            {
                                var code = draft.PendingCode.ToString();
                                draft.PendingCode.Clear();
                                draft.ShownCode.Append(code);
                                yield return new LmcChunk(LmcRole.Assistant, LmcType.Code, draft.ShownLanguage, code);
                            }

                            break;

                        case FunctionCallContent call:
                            calls.Add(call);
                            break;

                        case UsageContent usage:
                            reported = usage.Details;
                            break;
                    }
                }
            }
        }
        finally
        {
            // Whatever arrived stays in the conversation, also when the stream broke off or was cancelled.
            if (text.Length > 0)
            {
                Messages.Add(LmcMessage.AssistantText(text.ToString()));
            }

            // A request the provider rejected (a 401, a 500 given up) sent nothing back and costs nothing.
            if (reported is not null || text.Length > 0 || drafts.Count > 0 || calls.Count > 0 || end.Finished)
            {
                CountUsage(history, text, drafts, reported);
            }
        }

        if (textOpen)
        {
            yield return new LmcChunk(LmcRole.Assistant, LmcType.Message, End: true);
        }

        if (openCode is not null)
        {
            yield return EndCode(openCode);
        }

        if (end.Problem(model, options.MaxOutputTokens ?? model.DefaultMaxTokens, text.Length > 0, drafts.Count > 0 || calls.Count > 0) is { } problem)
        {
            // None of the calls runs. One cut at the limit or by an unexplained end is recorded as not made, with why:
            // the model then hears that its reply was cut, not that its JSON was broken.
            if (end.NotMadeReason is { } reason)
            {
                foreach (var call in calls)
                {
                    RecordNotMade(call, drafts, reason);
                }
            }

            calls.Clear();
            throw problem;
        }
    }

    /// <summary>
    /// Adds one request to <see cref="Usage"/> and to the spending meter: the provider's figures when it sent them,
    /// else our own estimate of what went and came (exact once the tokenizer is built; it is not built for this).
    /// </summary>
    private void CountUsage(List<ChatMessage> history, StringBuilder text, SortedDictionary<int, ToolCallDraft> drafts, UsageDetails? reported)
    {
        var turn = reported is { InputTokenCount: { } input, OutputTokenCount: { } output }
            ? new TokenUsage(input, output)
            : new TokenUsage(
                Tokens.Estimate(history) + (TextMode ? 0 : _tools.Declare().Sum(tool => Tokens.Estimate(Declaration(tool)))),
                Tokens.Estimate(text.ToString()) + drafts.Values.Sum(d => Tokens.Estimate(d.RawArguments.ToString())),
                Reported: false);
        Usage += turn;
        Spending.Record(turn.Input, turn.Output, turn.Reported);
    }

    private static LmcChunk EndCode(ToolCallDraft draft) => new(LmcRole.Assistant, LmcType.Code, draft.ShownLanguage, End: true);

    /// <summary>Hands one finished tool call to the tool that handles it; an unknown name goes back to the model.</summary>
    private async IAsyncEnumerable<LmcChunk> HandleCallAsync(
        FunctionCallContent call,
        SortedDictionary<int, ToolCallDraft> drafts,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var draft = drafts.Values.FirstOrDefault(d => d.CallId == call.CallId);
        var raw = draft?.RawArguments.ToString();
        var tool = _tools.Find(call.Name);
        if (tool is null)
        {
            var error = ToolSet.UnknownToolMessage(call.Name, _tools.Tools.Select(t => t.Declare().Name));
            Messages.Add(LmcMessage.AssistantCode(call.Name, raw ?? ""));
            Messages.Add(LmcMessage.ConsoleOutput(error));
            foreach (var chunk in ToolResult.Output(error))
            {
                yield return chunk;
            }

            yield break;
        }

        var request = new ToolCall(call.Name, call.Arguments, raw, call.Exception is not null, draft?.ShownLanguage, draft?.ShownCode.ToString());
        var before = Messages.Count;
        await using var chunks = tool.HandleAsync(request, Messages, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await chunks.MoveNextAsync().ConfigureAwait(false))
                {
                    yield break;
                }
            }
            catch (ApprovalPendingException waiting) when (waiting.Action is not null && waiting.Call is null)
            {
                // The action waits for a yes in a later message: what the tool recorded of the call is taken back, so
                // that the call, made again after the yes, is recorded once (and a no records it with the refusal).
                Messages.RemoveRange(before, Messages.Count - before);
                waiting.Call = raw is { Length: > 0 } && call.Arguments is null
                    ? new FunctionCallContent(call.CallId, call.Name, ToolArgumentsJson.Read(raw))
                    : call;
                throw;
            }

            yield return chunks.Current;
        }
    }

    /// <summary>
    /// Makes a tool call again whose action the user approved after its turn ended (a server's "yes" to an
    /// <see cref="ApprovalPendingException"/> with an action), then lets the model go on, streaming both.
    /// </summary>
    public async IAsyncEnumerable<LmcChunk> RunApprovedCallAsync(FunctionCallContent call, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var deferred = TakeDeferred();
        await foreach (var chunk in HandleCallAsync(call, [], cancellationToken).ConfigureAwait(false))
        {
            yield return chunk;
        }

        await foreach (var chunk in HandleCallsAsync(deferred?.Calls ?? [], deferred?.Drafts ?? [], cancellationToken).ConfigureAwait(false))
        {
            yield return chunk;
        }

        await foreach (var chunk in RespondAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return chunk;
        }
    }

    /// <summary>Turns provider and network failures into <see cref="InterpreterException"/>s as they surface.</summary>
    private async IAsyncEnumerable<ChatResponseUpdate> Translate(
        IAsyncEnumerable<ChatResponseUpdate> updates,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var enumerator = updates.GetAsyncEnumerator(cancellationToken);
        // After the first update a failure came in the middle of the reply: it was not retried, whatever its status.
        var started = false;
        while (true)
        {
            ChatResponseUpdate current;
            try
            {
                if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                {
                    yield break;
                }

                current = enumerator.Current;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && ModelErrorTranslator.Translate(e, model, midReply: started) is { } translated)
            {
                throw translated;
            }

            started = true;
            yield return current;
        }
    }
}
