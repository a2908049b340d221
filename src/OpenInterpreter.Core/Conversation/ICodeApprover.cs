using OpenInterpreter.Core.Tools;

namespace OpenInterpreter.Core.Conversation;

/// <summary>
/// Asks whether code may run or a tool may act. The terminal asks the user; <see cref="AutoApprover"/> says yes for
/// <c>-y</c>, except for actions that must always be asked about.
/// </summary>
public interface ICodeApprover
{
    /// <summary>Asks <c>Would you like to run this code? (y/n/e)</c>; the answer may carry edited code.</summary>
    ValueTask<CodeApproval> ApproveAsync(CodeRequest request, CancellationToken cancellationToken);

    /// <summary>Asks <c>{prompt} (y/n/a)</c>, where <c>a</c> allows the action's scope for the rest of the session.</summary>
    ValueTask<CodeApproval> ApproveActionAsync(ToolAction action, CancellationToken cancellationToken);
}
