using OpenInterpreter.Core.Tools;

namespace OpenInterpreter.Core.Conversation;

/// <summary>Asks whether code may run. The terminal asks the user; <see cref="AutoApprover"/> says yes for <c>-y</c>.</summary>
public interface ICodeApprover
{
    ValueTask<CodeApproval> ApproveAsync(CodeRequest request, CancellationToken cancellationToken);
}
