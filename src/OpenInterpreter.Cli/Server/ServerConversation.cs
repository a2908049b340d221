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
/// <c>go</c> command) runs it, anything else declines it. <c>{AUTO_RUN_ON}</c> / <c>{AUTO_RUN_OFF}</c> in a message
/// switch auto-run, as in OI.
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

    /// <summary>The code the last turn ended on, waiting for "yes"; null when none waits.</summary>
    public CodeRequest? Pending { get; private set; }

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
                _approver.Approved = pending;
                turn = Interpreter.RunApprovedCodeAsync(pending, cancellationToken);
            }
            else
            {
                // Declined: the model sees the call and the refusal, then the new message, as after a "n" at the terminal.
                Interpreter.Messages.Add(LmcMessage.AssistantCode(pending.Language, pending.Code));
                Interpreter.Messages.Add(LmcMessage.ConsoleOutput(CodeApproval.DeclinedByUser));
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
                Pending = waiting.Request;
                break;
            }

            yield return chunks.Current;
        }

        if (Pending is { } asked)
        {
            yield return new LmcChunk(LmcRole.Computer, LmcType.Confirmation, asked.Language, asked.Code);
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
    /// Ends the turn at code that is not approved (the client is asked between requests, not during one); approves
    /// the one run the client said "yes" to. Other tools' actions cannot wait that way, so they are declined.
    /// </summary>
    private sealed class PendingApprover : ICodeApprover
    {
        public CodeRequest? Approved { get; set; }

        public ValueTask<CodeApproval> ApproveAsync(CodeRequest request, CancellationToken cancellationToken)
        {
            if (Approved is { } approved && approved.Code == request.Code)
            {
                Approved = null;
                return ValueTask.FromResult(CodeApproval.Run());
            }

            throw new ApprovalPendingException(request);
        }

        public ValueTask<CodeApproval> ApproveActionAsync(ToolAction action, CancellationToken cancellationToken) =>
            ValueTask.FromResult(CodeApproval.Decline($"{action.DeclinedText} Auto-run is off and the server cannot ask about this action; turn auto-run on to allow it."));
    }
}
