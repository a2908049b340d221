using OpenInterpreter.Core.Tools;

namespace OpenInterpreter.Core.Conversation;

/// <summary>
/// Thrown by an approver that cannot wait for the answer (a server without auto-run, as OI's): the turn ends with the
/// code shown but not run, and a later "yes" runs <see cref="Request"/> with <see cref="ConversationLoop.RunApprovedCodeAsync"/>.
/// </summary>
public sealed class ApprovalPendingException(CodeRequest request)
    : Exception($"The code waits for the user's approval: {request.Language}, {request.Code.Length} characters.")
{
    /// <summary>The code that waits.</summary>
    public CodeRequest Request { get; } = request;
}
