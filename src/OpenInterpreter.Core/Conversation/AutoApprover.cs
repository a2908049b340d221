using OpenInterpreter.Core.Tools;

namespace OpenInterpreter.Core.Conversation;

/// <summary>Approves every run without asking: what <c>-y</c> / <c>auto_run</c> means.</summary>
public sealed class AutoApprover : ICodeApprover
{
    public ValueTask<CodeApproval> ApproveAsync(CodeRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(CodeApproval.Run());
}
