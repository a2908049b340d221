namespace OpenInterpreter.Core.Settings;

/// <summary>
/// OI's message templates: how the user's message and the output of code are worded when they go to the model.
/// <c>{content}</c> stands for the message or the output. A null template keeps this program's own wording.
/// </summary>
public sealed record MessageTemplates
{
    /// <summary>Wraps the newest user message (every one when <see cref="AlwaysApplyUserMessageTemplate"/>).</summary>
    public string? UserMessageTemplate { get; init; }

    public bool AlwaysApplyUserMessageTemplate { get; init; }

    /// <summary>Wraps the output of code for a model without tool calling (OI applies it only there too).</summary>
    public string? CodeOutputTemplate { get; init; }

    /// <summary>Sent instead of <see cref="CodeOutputTemplate"/> when the code printed nothing.</summary>
    public string? EmptyCodeOutputTemplate { get; init; }

    /// <summary>Who carries the output to a model without tool calling: <c>user</c> (a user message) or <c>assistant</c>.</summary>
    public string CodeOutputSender { get; init; } = "user";

    /// <summary>The user's message as the model is sent it.</summary>
    public string UserMessage(string content, bool newest) =>
        UserMessageTemplate is { } template && (newest || AlwaysApplyUserMessageTemplate) ? template.Replace("{content}", content, StringComparison.Ordinal) : content;
}
