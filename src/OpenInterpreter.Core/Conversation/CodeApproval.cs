namespace OpenInterpreter.Core.Conversation;

/// <summary>The answer to "run this code?": yes (maybe with edited code), or no with what the model is told.</summary>
public sealed record CodeApproval(bool Approved, string? EditedCode, string? DeclineReason)
{
    /// <summary>The user answered <c>a</c>: run it, and allow commands like it for the rest of the session.</summary>
    public bool AllowAlways { get; init; }

    /// <summary>
    /// One line for the user when the no was not their own answer (a deny rule, nobody to ask), who else would see
    /// only the model's reply; null: nothing to say.
    /// </summary>
    public string? Notice { get; init; }

    public const string DeclinedByUser = "The user declined to run this code.";

    public static CodeApproval Run(string? editedCode = null) => new(true, editedCode, null);

    public static CodeApproval Decline(string reason = DeclinedByUser) => new(false, null, reason);
}
