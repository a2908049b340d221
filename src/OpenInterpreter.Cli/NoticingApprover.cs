using OpenInterpreter.Core.Conversation;
using OpenInterpreter.Core.Tools;
using OpenInterpreter.Cli.Terminal;

namespace OpenInterpreter.Cli;

/// <summary>
/// Shows the user the one line a no carries when it was not their own answer (a deny rule, no terminal to ask):
/// otherwise only the model would hear of it, and the screen would show code and a reply with no sign nothing ran.
/// </summary>
internal sealed class NoticingApprover(ICodeApprover inner, IConversationView view) : ICodeApprover
{
    public async ValueTask<CodeApproval> ApproveAsync(CodeRequest request, CancellationToken cancellationToken) =>
        Shown(await inner.ApproveAsync(request, cancellationToken).ConfigureAwait(false));

    public async ValueTask<CodeApproval> ApproveActionAsync(ToolAction action, CancellationToken cancellationToken) =>
        Shown(await inner.ApproveActionAsync(action, cancellationToken).ConfigureAwait(false));

    private CodeApproval Shown(CodeApproval approval)
    {
        if (approval.Notice is { } notice)
        {
            view.Notice(notice);
        }

        return approval;
    }
}
