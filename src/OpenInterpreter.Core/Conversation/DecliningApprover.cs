using OpenInterpreter.Core.Tools;

namespace OpenInterpreter.Core.Conversation;

/// <summary>
/// Declines every run and action with one reason: for front ends with nobody to ask (<c>--json</c>, <c>--mcp</c>,
/// <c>--server</c> without auto-run), so the model is told why instead of the run waiting for an answer.
/// </summary>
public sealed class DecliningApprover(string reason) : ICodeApprover
{
    /// <summary>What the model is told when code is not run because auto-run is off and nobody can be asked.</summary>
    public const string NobodyToAsk =
        "The code was not run: auto-run is off and there is nobody to ask for permission. " +
        "Tell the user to run the interpreter with -y (auto-run) if they want code to run unattended.";

    // A run the safety check held back says why (the finding), so the model does not retry it blindly.
    public ValueTask<CodeApproval> ApproveAsync(CodeRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(CodeApproval.Decline(request.Caution is { } caution
            ? $"The code was not run: {caution}. Such code needs the user's yes, and there is nobody to ask. Tell the user what you wanted to run and why; do not try to get around the check."
            : reason));

    public ValueTask<CodeApproval> ApproveActionAsync(ToolAction action, CancellationToken cancellationToken) =>
        ValueTask.FromResult(CodeApproval.Decline($"{action.DeclinedText} {reason}"));
}
