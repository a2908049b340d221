using OpenInterpreter.Core.Conversation;
using OpenInterpreter.Core.Tools;

namespace OpenInterpreter.Cli;

/// <summary>Runs code without asking while auto-run is on, and asks <paramref name="ask"/> otherwise; <c>%auto_run</c> flips it.</summary>
internal sealed class SwitchableApprover(SessionSwitches switches, ICodeApprover ask) : ICodeApprover
{
    // Under auto-run, actions that must always be asked (an edit outside the current folder) still go to the user.
    private readonly AutoApprover _auto = new(ask);

    public ValueTask<CodeApproval> ApproveAsync(CodeRequest request, CancellationToken cancellationToken) =>
        switches.AutoRun ? _auto.ApproveAsync(request, cancellationToken) : ask.ApproveAsync(request, cancellationToken);

    public ValueTask<CodeApproval> ApproveActionAsync(ToolAction action, CancellationToken cancellationToken) =>
        switches.AutoRun ? _auto.ApproveActionAsync(action, cancellationToken) : ask.ApproveActionAsync(action, cancellationToken);
}
