using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;
using OpenInterpreter.Core.Languages;
using OpenInterpreter.Core.Messages;
using OpenInterpreter.Core.Models;
using OpenInterpreter.Core.Output;
using OpenInterpreter.Core.Settings;
using OpenInterpreter.Core.Tools;

namespace OpenInterpreter.Core.Conversation;

/// <summary>
/// The agent loop of SPEC section 2: sends the conversation to the model with the <c>execute</c> tool, asks before
/// each run, runs the code in its language's session, hands the output back, and repeats until the model answers
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
    /// <summary>The conversation so far, in LMC shape.</summary>
    public List<LmcMessage> Messages { get; } = [];

    /// <summary>The system message sent first on every request.</summary>
    public string SystemText => SystemMessage.Build(EnabledLanguages, settings.SystemMessage, settings.CustomInstructions);

    private IReadOnlyList<string> EnabledLanguages => languages.Available.Where(Allowed).Select(l => l.Name).ToList();

    /// <summary>Whether the profile's <c>computer.languages</c> (when set) lets the model use <paramref name="language"/>.</summary>
    private bool Allowed(LanguageInfo language) => settings.Languages is null || settings.Languages.Any(language.Answers);

    /// <summary>Counts tokens for this model: used to trim the context and by <c>%tokens</c>.</summary>
    public TokenCounter Tokens => _tokens ??= TokenCounter.For(settings.Llm.Model);

    private TokenCounter? _tokens;

    /// <summary>The messages the next request sends, trimmed to the context window, with <paramref name="nextUserMessage"/> last when given.</summary>
    public List<ChatMessage> BuildRequest(string? nextUserMessage = null)
    {
        IReadOnlyList<LmcMessage> messages = nextUserMessage is null ? Messages : [.. Messages, LmcMessage.UserText(nextUserMessage)];
        var history = ChatHistory.Build(SystemText, messages);
        return ContextTrimmer.Budget(settings.Llm) is { } budget ? ContextTrimmer.Trim(history, budget, Tokens) : history;
    }

    /// <summary>Adds the user's message and runs the loop until the model is done, streaming what happens.</summary>
    public async IAsyncEnumerable<LmcChunk> ChatAsync(string userMessage, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Messages.Add(LmcMessage.UserText(userMessage));
        var tool = ExecuteTool.Declare(EnabledLanguages);
        var options = new ChatOptions
        {
            Temperature = (float)settings.Llm.Temperature,
            MaxOutputTokens = settings.Llm.MaxTokens,
            Tools = [tool],
            ToolMode = ChatToolMode.Auto,
        };

        while (true)
        {
            var calls = new List<FunctionCallContent>();
            var drafts = new SortedDictionary<int, ToolCallDraft>();
            await foreach (var chunk in StreamReplyAsync(options, calls, drafts, cancellationToken).ConfigureAwait(false))
            {
                yield return chunk;
            }

            if (calls.Count == 0)
            {
                yield break;
            }

            foreach (var call in calls)
            {
                await foreach (var chunk in HandleCallAsync(call, drafts, cancellationToken).ConfigureAwait(false))
                {
                    yield return chunk;
                }
            }
        }
    }

    /// <summary>One model call: text and code stream out live; finished tool calls are collected into <paramref name="calls"/>.</summary>
    private async IAsyncEnumerable<LmcChunk> StreamReplyAsync(
        ChatOptions options,
        List<FunctionCallContent> calls,
        SortedDictionary<int, ToolCallDraft> drafts,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var history = BuildRequest();
        var text = new StringBuilder();
        var textOpen = false;
        ToolCallDraft? openCode = null;
        var finished = false;
        try
        {
            await using var updates = Translate(model.Client.GetStreamingResponseAsync(history, options, cancellationToken), cancellationToken)
                .GetAsyncEnumerator(cancellationToken);
            while (await updates.MoveNextAsync().ConfigureAwait(false))
            {
                finished |= updates.Current.FinishReason is not null;
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
        }

        if (textOpen)
        {
            yield return new LmcChunk(LmcRole.Assistant, LmcType.Message, End: true);
        }

        if (openCode is not null)
        {
            yield return EndCode(openCode);
        }

        // Every provider ends a complete reply with a finish reason; a stream that just stops was cut off, and its
        // tool calls may be half written, so none of them runs.
        if (!finished)
        {
            calls.Clear();
            throw new InterpreterException(
                $"The reply from {model.Route.EndpointText} broke off before the model finished; what arrived is kept.",
                "Try again.");
        }
    }

    private static LmcChunk EndCode(ToolCallDraft draft) => new(LmcRole.Assistant, LmcType.Code, draft.ShownLanguage, End: true);

    /// <summary>Runs one finished tool call: reads its arguments, asks, runs, and records the result.</summary>
    private async IAsyncEnumerable<LmcChunk> HandleCallAsync(
        FunctionCallContent call,
        SortedDictionary<int, ToolCallDraft> drafts,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var draft = drafts.Values.FirstOrDefault(d => d.CallId == call.CallId);
        var raw = draft?.RawArguments.ToString();
        var parsed = ReadArguments(call, raw);

        if (parsed.Request is not { } request)
        {
            Messages.Add(LmcMessage.AssistantCode(call.Name, raw ?? ""));
            Messages.Add(LmcMessage.ConsoleOutput(parsed.Error!));
            yield return new LmcChunk(LmcRole.Computer, LmcType.Console, LmcFormat.Output, Start: true);
            yield return new LmcChunk(LmcRole.Computer, LmcType.Console, LmcFormat.Output, parsed.Error);
            yield return new LmcChunk(LmcRole.Computer, LmcType.Console, LmcFormat.Output, End: true);
            yield break;
        }

        // Show the code in full when the live stream did not (no fragments from this provider, or a repaired call).
        if (draft?.ShownCode.ToString() != request.Code || draft.ShownLanguage != request.Language)
        {
            yield return new LmcChunk(LmcRole.Assistant, LmcType.Code, request.Language, Start: true);
            yield return new LmcChunk(LmcRole.Assistant, LmcType.Code, request.Language, request.Code);
            yield return new LmcChunk(LmcRole.Assistant, LmcType.Code, request.Language, End: true);
        }

        var language = languages.Find(request.Language) is { } found && Allowed(found) ? found : null;
        string? refusal = language is null
            ? $"Language {request.Language} is not enabled; enabled: {string.Join(", ", EnabledLanguages)}."
            : languages.GetInstallHint(language);
        if (language is null || refusal is not null)
        {
            Messages.Add(LmcMessage.AssistantCode(request.Language, request.Code));
            Messages.Add(LmcMessage.ConsoleOutput(refusal!));
            yield return new LmcChunk(LmcRole.Computer, LmcType.Console, LmcFormat.Output, Start: true);
            yield return new LmcChunk(LmcRole.Computer, LmcType.Console, LmcFormat.Output, refusal);
            yield return new LmcChunk(LmcRole.Computer, LmcType.Console, LmcFormat.Output, End: true);
            yield break;
        }

        request = request with { Language = language.Name };
        var approval = await approver.ApproveAsync(request, cancellationToken).ConfigureAwait(false);
        var code = approval.EditedCode ?? request.Code;
        Messages.Add(LmcMessage.AssistantCode(language.Name, code));
        if (!approval.Approved)
        {
            Messages.Add(LmcMessage.ConsoleOutput(approval.DeclineReason ?? CodeApproval.DeclinedByUser));
            yield break;
        }

        await foreach (var chunk in RunAsync(language, code, cancellationToken).ConfigureAwait(false))
        {
            yield return chunk;
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private static ParseResult ReadArguments(FunctionCallContent call, string? raw)
    {
        if (call.Name != ExecuteTool.Name)
        {
            // OI's models sometimes call the language itself as the function, with the bare code as arguments.
            if (call.Name is "python" && raw is { Length: > 0 } && !raw.TrimStart().StartsWith('{'))
            {
                return ParseResult.Ok(new CodeRequest("python", raw));
            }

            return ParseResult.Fail($"There is no tool named '{call.Name}'. The only tool is execute(language, code).");
        }

        if (call.Exception is null && call.Arguments is { } arguments)
        {
            var fromValues = ExecuteArguments.FromValues(arguments.TryGetValue("language", out var language) ? language : null, arguments.TryGetValue("code", out var code) ? code : null);
            if (fromValues.Request is not null || raw is null)
            {
                return fromValues;
            }
        }

        return ExecuteArguments.Parse(raw);
    }

    /// <summary>Runs approved code, streaming its output, and records what the model gets back.</summary>
    private async IAsyncEnumerable<LmcChunk> RunAsync(LanguageInfo language, string code, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var collector = new OutputCollector(settings.MaxOutput, paths.OutputsDirectory);
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (settings.RunTimeout is { } timeout)
        {
            run.CancelAfter(timeout);
        }

        RunCompleted? completed = null;
        var session = languages.GetSession(language);
        yield return new LmcChunk(LmcRole.Computer, LmcType.Console, LmcFormat.Output, Start: true);
        try
        {
            await foreach (var ev in session.RunAsync(code, run.Token).ConfigureAwait(false))
            {
                switch (ev)
                {
                    case OutputWritten output:
                        collector.Append(output.Text);
                        yield return new LmcChunk(LmcRole.Computer, LmcType.Console, LmcFormat.Output, output.Text);
                        break;
                    case ActiveLineChanged line:
                        yield return new LmcChunk(LmcRole.Computer, LmcType.Console, LmcFormat.ActiveLine, line.Line?.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        break;
                    case RunCompleted end:
                        completed = end;
                        break;
                }
            }
        }
        finally
        {
            Messages.Add(LmcMessage.ConsoleOutput(ResultText(collector, completed, cancellationToken.IsCancellationRequested)));
        }

        yield return new LmcChunk(LmcRole.Computer, LmcType.Console, LmcFormat.Output, End: true);
    }

    private string ResultText(OutputCollector collector, RunCompleted? completed, bool interruptedByUser)
    {
        var text = collector.TotalChars > 0 ? collector.ToModelText().TrimEnd() : "";
        var note = completed?.Status switch
        {
            RunStatus.Interrupted when interruptedByUser => "[The user interrupted the run.]",
            RunStatus.Interrupted => $"[The run was stopped: it exceeded the time-out of {settings.RunTimeout?.TotalSeconds:0} s.]",
            RunStatus.Crashed or RunStatus.Failed when completed.Error is { } error && !text.Contains(error, StringComparison.Ordinal) => $"[{error}]",
            null => "[The run was cut short.]",
            _ => null,
        };

        if (note is not null)
        {
            text = text.Length == 0 ? note : $"{text}\n{note}";
        }

        return text.Length == 0 ? "The code ran and printed nothing." : text;
    }

    /// <summary>Turns provider and network failures into <see cref="InterpreterException"/>s as they surface.</summary>
    private async IAsyncEnumerable<ChatResponseUpdate> Translate(
        IAsyncEnumerable<ChatResponseUpdate> updates,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var enumerator = updates.GetAsyncEnumerator(cancellationToken);
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
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && ModelErrorTranslator.Translate(e, model) is { } translated)
            {
                throw translated;
            }

            yield return current;
        }
    }
}
