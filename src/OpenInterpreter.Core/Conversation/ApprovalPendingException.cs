using Microsoft.Extensions.AI;
using OpenInterpreter.Core.Tools;

namespace OpenInterpreter.Core.Conversation;

/// <summary>
/// Thrown by an approver that cannot wait for the answer (a server without auto-run, as OI's): the turn ends with the
/// code or the tool's action shown but not done. A later "yes" runs <see cref="Request"/> with
/// <see cref="ConversationLoop.RunApprovedCodeAsync"/>, or makes <see cref="Call"/> again with
/// <see cref="ConversationLoop.RunApprovedCallAsync"/> for an <see cref="Action"/>.
/// </summary>
public sealed class ApprovalPendingException : Exception
{
    /// <summary>Code that waits for the user's yes.</summary>
    public ApprovalPendingException(CodeRequest request)
        : base($"The code waits for the user's approval: {request.Language}, {request.Code.Length} characters.") => Request = request;

    /// <summary>A tool's action (an edit, a desktop action, an MCP call) that waits for the user's yes.</summary>
    public ApprovalPendingException(ToolAction action)
        : base($"The action waits for the user's approval: {action.Prompt}") => Action = action;

    /// <summary>The code that waits; null when an action waits.</summary>
    public CodeRequest? Request { get; }

    /// <summary>The action that waits; null when code waits.</summary>
    public ToolAction? Action { get; }

    /// <summary>
    /// The tool call the action belongs to, set by the loop as the exception leaves the tool (whatever the tool had
    /// recorded of the call is taken back, so the call can be made again whole).
    /// </summary>
    public FunctionCallContent? Call { get; internal set; }
}
