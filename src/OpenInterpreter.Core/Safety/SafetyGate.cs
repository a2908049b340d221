using OpenInterpreter.Core.Conversation;
using OpenInterpreter.Core.Tools;

namespace OpenInterpreter.Core.Safety;

/// <summary>
/// The approver the loop asks: it puts safety in front of the usual approver. A deny rule refuses (also under
/// <c>-y</c>); a high finding or an ask rule goes to <paramref name="asker"/> even under auto-run (refused with the
/// reason when nobody can be asked); an allow rule runs without a question; anything else goes to
/// <paramref name="usual"/> (asks, or runs under <c>-y</c>), with the findings shown at the question.
/// </summary>
public sealed class SafetyGate(ICodeApprover usual, ICodeApprover asker, SafetyPolicy policy) : ICodeApprover
{
    public async ValueTask<CodeApproval> ApproveAsync(CodeRequest request, CancellationToken cancellationToken)
    {
        var verdict = policy.Evaluate(request.Language, request.Code);
        var checkedRequest = request with { Findings = verdict.Findings };
        if (verdict.Rule is { Kind: RuleKind.Deny } deny)
        {
            return CodeApproval.Decline($"The code was not run: the permission rule deny {deny.Text} ({deny.Source}) forbids it.")
                with { Notice = $"Not run: the permission rule deny {deny.Text} ({deny.Source}) forbids it." };
        }

        CodeApproval approval;
        if (verdict.High is { } high && verdict.Rule is not { Kind: RuleKind.Allow })
        {
            approval = await asker.ApproveAsync(checkedRequest with { Caution = $"the safety check found a high risk: {high.Reason}" }, cancellationToken).ConfigureAwait(false);
        }
        else if (verdict.Rule is { Kind: RuleKind.Ask } ask)
        {
            approval = await asker.ApproveAsync(checkedRequest with { Caution = $"the permission rule ask {ask.Text} asks for a yes" }, cancellationToken).ConfigureAwait(false);
        }
        else if (verdict.Rule is { Kind: RuleKind.Allow })
        {
            return CodeApproval.Run();
        }
        else
        {
            approval = await usual.ApproveAsync(checkedRequest, cancellationToken).ConfigureAwait(false);
        }

        if (approval.AllowAlways)
        {
            policy.AllowForSession(request.Language, approval.EditedCode ?? request.Code);
        }

        return approval;
    }

    public async ValueTask<CodeApproval> ApproveActionAsync(ToolAction action, CancellationToken cancellationToken)
    {
        var rule = policy.EvaluateAction(action.Scope);
        if (rule is { Kind: RuleKind.Deny } deny)
        {
            return CodeApproval.Decline($"{action.DeclinedText} The permission rule deny {deny.Text} ({deny.Source}) forbids it.")
                with { Notice = $"{action.DeclinedText} The permission rule deny {deny.Text} ({deny.Source}) forbids it." };
        }

        if (rule is { Kind: RuleKind.Allow } && !action.AlwaysAsk)
        {
            return CodeApproval.Run();
        }

        var approval = rule is { Kind: RuleKind.Ask }
            ? await asker.ApproveActionAsync(action, cancellationToken).ConfigureAwait(false)
            : await usual.ApproveActionAsync(action, cancellationToken).ConfigureAwait(false);
        if (approval.AllowAlways)
        {
            // As for code: the answer a becomes a session allow rule, which %permissions lists.
            policy.AllowActionForSession(action.Scope);
        }

        return approval;
    }
}
