using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenInterpreter.Core.Conversation;
using OpenInterpreter.Core.Languages;
using OpenInterpreter.Core.Messages;
using OpenInterpreter.Core.Output;
using OpenInterpreter.Core.Settings;

namespace OpenInterpreter.Core.Tools;

/// <summary>
/// The <c>interpreter</c> tool, <c>execute(language, code)</c>: reads the call, asks before each run, runs the code
/// in its language's stateful session, streams the output and hands the model the bounded result.
/// </summary>
public sealed class InterpreterTool(
    LanguageRegistry languages,
    ICodeApprover approver,
    InterpreterSettings settings,
    InterpreterPaths paths) : ITool
{
    public const string ToolName = ToolNames.Interpreter;

    // Secrets in output are replaced before the model or a saved conversation sees them (redact_secrets).
    private readonly Safety.SecretRedactor? _secrets = settings.RedactSecrets ? Safety.SecretRedactor.ForCurrentProcess(settings.Llm.ApiKey) : null;

    public string Name => ToolName;

    private IReadOnlyList<string> EnabledLanguages => languages.Available.Where(Allowed).Select(l => l.Name).ToList();

    /// <summary>Whether the profile's <c>computer.languages</c> (when set) lets the model use <paramref name="language"/>.</summary>
    private bool Allowed(LanguageInfo language) => settings.Languages is null || settings.Languages.Any(language.Answers);

    public AITool Declare() => ExecuteTool.Declare(EnabledLanguages);

    // OI's models sometimes call the language itself as the function, with the bare code as arguments.
    public bool Handles(string functionName) => functionName is ExecuteTool.Name or "python";

    public async IAsyncEnumerable<LmcChunk> HandleAsync(ToolCall call, List<LmcMessage> conversation, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var parsed = ReadArguments(call);
        if (parsed.Request is not { } request)
        {
            conversation.Add(LmcMessage.AssistantCode(call.Name, call.RawArguments ?? ""));
            conversation.Add(LmcMessage.ConsoleOutput(parsed.Error!));
            foreach (var chunk in ToolResult.Output(parsed.Error!))
            {
                yield return chunk;
            }

            yield break;
        }

        // Show the code in full when the live stream did not (no fragments from this provider, or a repaired call).
        if (call.ShownCode != request.Code || call.ShownLanguage != request.Language)
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
            conversation.Add(LmcMessage.AssistantCode(request.Language, request.Code));
            conversation.Add(LmcMessage.ConsoleOutput(refusal!));
            foreach (var chunk in ToolResult.Output(refusal!))
            {
                yield return chunk;
            }

            yield break;
        }

        request = request with { Language = language.Name };
        var approval = await approver.ApproveAsync(request, cancellationToken).ConfigureAwait(false);
        var code = approval.EditedCode ?? request.Code;
        conversation.Add(LmcMessage.AssistantCode(language.Name, code));
        if (!approval.Approved)
        {
            conversation.Add(LmcMessage.ConsoleOutput(approval.DeclineReason ?? CodeApproval.DeclinedByUser));
            yield break;
        }

        await foreach (var chunk in RunAsync(language, code, conversation, null, cancellationToken).ConfigureAwait(false))
        {
            yield return chunk;
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (languages.Sandbox is { } sandbox && conversation[^1] is { Type: LmcType.Console } result && Safety.SandboxDenial.Find(result.Content) is { } denied)
        {
            await foreach (var chunk in OfferOutsideAsync(sandbox, language, code, conversation, denied, cancellationToken).ConfigureAwait(false))
            {
                yield return chunk;
            }
        }
    }

    /// <summary>A run the sandbox denied: reported as such, and run once outside the sandbox if the user says yes.</summary>
    private async IAsyncEnumerable<LmcChunk> OfferOutsideAsync(
        Safety.Sandbox sandbox, LanguageInfo language, string code, List<LmcMessage> conversation, string denied, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var note = $"[The sandbox ({sandbox.Mode}) denied {denied}.]";
        var index = conversation.Count - 1;
        conversation[index] = conversation[index] with { Content = $"{conversation[index].Content}\n{note}" };
        foreach (var chunk in ToolResult.Output(note))
        {
            yield return chunk;
        }

        var action = new ToolAction(
            "The sandbox denied this run. Run this code once outside the sandbox?",
            "sandbox:outside-once",
            "The user did not allow running it outside the sandbox.",
            AlwaysAsk: true,
            Deferrable: false);
        var approval = await approver.ApproveActionAsync(action, cancellationToken).ConfigureAwait(false);
        if (!approval.Approved)
        {
            conversation[index] = conversation[index] with { Content = $"{conversation[index].Content}\n[{approval.DeclineReason ?? action.DeclinedText}]" };
            yield break;
        }

        await using var outside = languages.StartUnconfined(language);
        await foreach (var chunk in RunAsync(language, code, conversation, outside, cancellationToken).ConfigureAwait(false))
        {
            yield return chunk;
        }

        // One result for the one call: the sandboxed run, then the run outside it.
        var second = conversation.FindLastIndex(m => m.Type == LmcType.Console);
        if (second > index)
        {
            conversation[index] = conversation[index] with { Content = $"{conversation[index].Content}\n[Run again outside the sandbox, with the user's yes:]\n{conversation[second].Content}" };
            conversation.RemoveAt(second);
        }
    }

    private static ParseResult ReadArguments(ToolCall call)
    {
        var raw = call.RawArguments;
        if (call.Name != ExecuteTool.Name)
        {
            if (raw is { Length: > 0 } && !raw.TrimStart().StartsWith('{'))
            {
                return ParseResult.Ok(new CodeRequest("python", raw));
            }

            return ParseResult.Fail(ToolSet.UnknownToolMessage(call.Name, [ExecuteTool.Name]));
        }

        if (!call.ArgumentsFailed && call.Arguments is { } arguments)
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
    private async IAsyncEnumerable<LmcChunk> RunAsync(LanguageInfo language, string code, List<LmcMessage> conversation, ILanguageSession? sessionOverride, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var collector = new OutputCollector(settings.MaxOutput, paths.OutputsDirectory);
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (settings.RunTimeout is { } timeout && timeout > TimeSpan.Zero)
        {
            run.CancelAfter(timeout);
        }

        RunCompleted? completed = null;
        var hidden = 0;
        var images = new List<string>();
        var session = sessionOverride ?? languages.GetSession(language);
        yield return new LmcChunk(LmcRole.Computer, LmcType.Console, LmcFormat.Output, Start: true);
        try
        {
            await foreach (var ev in session.RunAsync(code, run.Token).ConfigureAwait(false))
            {
                switch (ev)
                {
                    case OutputWritten output:
                        collector.Append(output.Text);
                        yield return new LmcChunk(LmcRole.Computer, LmcType.Console, LmcFormat.Output, output.Text, Stream: output.Stream == OutputStream.Stderr ? LmcStream.Stderr : LmcStream.Stdout);
                        break;
                    case ActiveLineChanged line:
                        yield return new LmcChunk(LmcRole.Computer, LmcType.Console, LmcFormat.ActiveLine, line.Line?.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        break;
                    case ImageProduced image:
                        images.Add(image.PngPath);
                        break;
                    case RunCompleted end:
                        completed = end;
                        break;
                }
            }
        }
        finally
        {
            var result = ResultText(collector, completed, cancellationToken.IsCancellationRequested);
            if (_secrets is not null)
            {
                (result, hidden) = _secrets.Redact(result);
            }

            conversation.Add(LmcMessage.ConsoleOutput(result));
            // After the output, which closes the tool call: the history sends images as the user's own messages.
            conversation.AddRange(images.Select(path => new LmcMessage(LmcRole.Computer, LmcType.Image, path, LmcFormat.Path)));
        }

        if (hidden > 0)
        {
            // The screen showed the output as it was; say what the model did not get.
            yield return new LmcChunk(LmcRole.Computer, LmcType.Console, LmcFormat.Output, $"\n[{hidden} secret{(hidden == 1 ? "" : "s")} hidden from the model]\n");
        }

        yield return new LmcChunk(LmcRole.Computer, LmcType.Console, LmcFormat.Output, End: true, Run: Summary(completed, collector.FullOutputPath, cancellationToken.IsCancellationRequested));
        foreach (var path in images)
        {
            yield return new LmcChunk(LmcRole.Computer, LmcType.Image, LmcFormat.Path, Start: true);
            yield return new LmcChunk(LmcRole.Computer, LmcType.Image, LmcFormat.Path, path);
            yield return new LmcChunk(LmcRole.Computer, LmcType.Image, LmcFormat.Path, End: true);
        }
    }

    private string ResultText(OutputCollector collector, RunCompleted? completed, bool interruptedByUser)
    {
        collector.Complete();
        var text = collector.TotalChars > 0 ? collector.ToModelText().TrimEnd() : "";
        var note = completed?.Status switch
        {
            RunStatus.Interrupted when interruptedByUser => "[The user interrupted the run.]",
            RunStatus.Interrupted => $"[{TimedOut}]",
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

    /// <summary>How the run ended, for the front ends: the chunk that ends the output carries it.</summary>
    private RunSummary Summary(RunCompleted? completed, string? fullOutputPath, bool interruptedByUser) => completed?.Status switch
    {
        RunStatus.Succeeded => new RunSummary(RunSummary.Succeeded, null, fullOutputPath),
        RunStatus.Failed => new RunSummary(RunSummary.Failed, completed.Error, fullOutputPath),
        RunStatus.Crashed => new RunSummary(RunSummary.Crashed, completed.Error, fullOutputPath),
        RunStatus.Interrupted when interruptedByUser => new RunSummary(RunSummary.Interrupted, completed.Error, fullOutputPath),
        RunStatus.Interrupted => new RunSummary(RunSummary.Interrupted, TimedOut, fullOutputPath),
        _ => new RunSummary(RunSummary.Crashed, "The run was cut short.", fullOutputPath),
    };

    private string TimedOut => $"The run was stopped: it exceeded the time-out of {settings.RunTimeout?.TotalSeconds:0.#} s.";
}
