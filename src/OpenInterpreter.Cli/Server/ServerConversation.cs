using System.Runtime.CompilerServices;
using OpenInterpreter.Core;
using OpenInterpreter.Core.Conversation;
using OpenInterpreter.Core.Messages;
using OpenInterpreter.Core.Settings;
using OpenInterpreter.Core.Tools;

namespace OpenInterpreter.Cli.Server;

/// <summary>
/// One conversation served over HTTP or a websocket, as OI's server keeps it: code runs at once under auto-run;
/// otherwise the turn ends with the code and a <c>confirmation</c> chunk, and the next message "yes" (or the
/// <c>go</c> command) runs it, anything else declines it. Other tools' actions (an edit, a desktop action, an MCP
/// call) wait the same way: the confirmation's format is the tool's function name and its content the question
/// (<c>Edit notes.txt?</c>), and a "yes" makes the call again and lets it act. <c>{AUTO_RUN_ON}</c> /
/// <c>{AUTO_RUN_OFF}</c> in a message switch auto-run, as in OI.
/// </summary>
internal sealed class ServerConversation : IAsyncDisposable
{
    public const string AutoRunOn = "{AUTO_RUN_ON}";
    public const string AutoRunOff = "{AUTO_RUN_OFF}";

    private readonly PendingApprover _approver = new();

    public ServerConversation(InterpreterSettings settings, InterpreterPaths paths, Action<string> log, Core.Safety.Sandbox? sandbox)
    {
        Interpreter = Core.Interpreter.Create(settings, _approver, saveConversations: true, paths: paths, log: log, sandbox: sandbox);
    }

    public Interpreter Interpreter { get; }

    /// <summary>What the last turn ended on, waiting for "yes" (code, or a tool's action); null when nothing waits.</summary>
    public ApprovalPendingException? Pending { get; private set; }

    /// <summary>Answers one user message (or the <c>go</c> command), streaming LMC chunks; a waiting run ends with a confirmation chunk.</summary>
    public async IAsyncEnumerable<LmcChunk> RespondAsync(string message, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (message.Contains(AutoRunOn, StringComparison.Ordinal) || message.Contains(AutoRunOff, StringComparison.Ordinal))
        {
            Interpreter.AutoRun = message.Contains(AutoRunOn, StringComparison.Ordinal);
            message = message.Replace(AutoRunOn, "", StringComparison.Ordinal).Replace(AutoRunOff, "", StringComparison.Ordinal).Trim();
            if (message.Length == 0)
            {
                yield break;
            }
        }

        IAsyncEnumerable<LmcChunk> turn;
        if (Pending is { } pending)
        {
            Pending = null;
            if (IsYes(message))
            {
                _approver.Approve(pending);
                turn = pending.Request is { } code
                    ? Interpreter.RunApprovedCodeAsync(code, cancellationToken)
                    : Interpreter.RunApprovedCallAsync(pending.Call!, cancellationToken);
            }
            else
            {
                // Declined: the model sees the call and the refusal, then the new message, as after a "n" at the terminal.
                if (pending.Request is { } code)
                {
                    Interpreter.Messages.Add(LmcMessage.AssistantCode(code.Language, code.Code));
                    Interpreter.Messages.Add(LmcMessage.ConsoleOutput(CodeApproval.DeclinedByUser));
                }
                else
                {
                    var call = pending.Call!;
                    Interpreter.Messages.Add(new LmcMessage(LmcRole.Assistant, LmcType.Code, ToolArgumentsJson.Write(call.Arguments ?? new Dictionary<string, object?>()), call.Name));
                    Interpreter.Messages.Add(LmcMessage.ConsoleOutput($"Error: {pending.Action!.DeclinedText}"));
                }

                turn = IsNo(message) ? Empty() : Interpreter.ChatAsync(message, cancellationToken);
            }
        }
        else
        {
            turn = Interpreter.ChatAsync(message, cancellationToken);
        }

        await using var chunks = turn.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await chunks.MoveNextAsync().ConfigureAwait(false))
                {
                    break;
                }
            }
            catch (ApprovalPendingException waiting)
            {
                Pending = waiting;
                break;
            }

            yield return chunks.Current;
        }

        if (Pending is { Request: { } asked })
        {
            yield return new LmcChunk(LmcRole.Computer, LmcType.Confirmation, asked.Language, asked.Code);
        }
        else if (Pending is { Action: { } action, Call: { } call })
        {
            yield return new LmcChunk(LmcRole.Computer, LmcType.Confirmation, call.Name, action.Prompt);
        }
    }

    private static bool IsYes(string message) => message.Trim().TrimEnd('.', '!').ToLowerInvariant() is "yes" or "y" or "go" or "run it";

    private static bool IsNo(string message) => message.Trim().TrimEnd('.', '!').ToLowerInvariant() is "no" or "n";

    private static async IAsyncEnumerable<LmcChunk> Empty()
    {
        await Task.CompletedTask.ConfigureAwait(false);
        yield break;
    }

    public ValueTask DisposeAsync() => Interpreter.DisposeAsync();

    /// <summary>
    /// Ends the turn at code or an action that is not approved (the client is asked between requests, not during
    /// one); approves the one run or action the client said "yes" to, when the call is made again. A question asked
    /// after the call already acted (run outside the sandbox) cannot wait that way, and is declined with the reason.
    /// </summary>
    private sealed class PendingApprover : ICodeApprover
    {
        private CodeRequest? _code;
        private ToolAction? _action;

        public void Approve(ApprovalPendingException pending) => (_code, _action) = (pending.Request, pending.Action);

        public ValueTask<CodeApproval> ApproveAsync(CodeRequest request, CancellationToken cancellationToken)
        {
            if (_code is { } approved && approved.Code == request.Code)
            {
                _code = null;
                return ValueTask.FromResult(CodeApproval.Run());
            }

            throw new ApprovalPendingException(request);
        }

        public ValueTask<CodeApproval> ApproveActionAsync(ToolAction action, CancellationToken cancellationToken)
        {
            // The call made again asks the same question (a record: same prompt, scope and flags) and gets the yes.
            if (_action == action)
            {
                _action = null;
                return ValueTask.FromResult(CodeApproval.Run());
            }

            if (!action.Deferrable)
            {
                return ValueTask.FromResult(CodeApproval.Decline($"{action.DeclinedText} The server asks only between messages, and this question came after the call had acted; turn auto-run on to allow it."));
            }

            throw new ApprovalPendingException(action);
        }
    }
}
