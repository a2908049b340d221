using OpenInterpreter.Core.Conversation;
using OpenInterpreter.Core.Tools;

namespace OpenInterpreter.Cli;

/// <summary>Runs code without asking while auto-run is on, and asks <paramref name="ask"/> otherwise; <c>%auto_run</c> flips it.</summary>
internal sealed class SwitchableApprover(SessionSwitches switches, ICodeApprover ask) : ICodeApprover
{
    private readonly AutoApprover _auto = new();

    public ValueTask<CodeApproval> ApproveAsync(CodeRequest request, CancellationToken cancellationToken) =>
        switches.AutoRun ? _auto.ApproveAsync(request, cancellationToken) : ask.ApproveAsync(request, cancellationToken);
}
