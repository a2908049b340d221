namespace OpenInterpreter.Core.Conversation;

/// <summary>
/// Something a tool other than code asks to do, as the user is asked about it: <see cref="Prompt"/> says what will
/// happen (<c>Edit src/app.py?</c>), <see cref="Scope"/> is what answering <c>a</c> allows for the rest of the session
/// (that path, that kind of action), and <see cref="AlwaysAsk"/> marks actions asked about even under auto-run
/// (a path outside the current folder). <see cref="Deferrable"/> is false for a question asked after the call already
/// acted (run outside the sandbox after the sandboxed run), which a server cannot put off to a later message, since
/// the call would be made again from its start.
/// </summary>
public sealed record ToolAction(string Prompt, string Scope, string DeclinedText, bool AlwaysAsk = false, bool Deferrable = true);
