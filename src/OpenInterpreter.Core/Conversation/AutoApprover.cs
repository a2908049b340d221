using OpenInterpreter.Core.Tools;

namespace OpenInterpreter.Core.Conversation;

/// <summary>
/// Approves every run and action without asking: what <c>-y</c> / <c>auto_run</c> means. Actions marked
/// <see cref="ToolAction.AlwaysAsk"/> go to <paramref name="asker"/>, or are declined when there is none.
/// </summary>
public sealed class AutoApprover(ICodeApprover? asker = null) : ICodeApprover
{
    public ValueTask<CodeApproval> ApproveAsync(CodeRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(CodeApproval.Run());

    public ValueTask<CodeApproval> ApproveActionAsync(ToolAction action, CancellationToken cancellationToken)
    {
        if (!action.AlwaysAsk)
        {
            return ValueTask.FromResult(CodeApproval.Run());
        }

        return asker?.ApproveActionAsync(action, cancellationToken)
            ?? ValueTask.FromResult(CodeApproval.Decline($"{action.DeclinedText} It needs the user's confirmation even under auto-run, and nobody can be asked."));
    }
}
