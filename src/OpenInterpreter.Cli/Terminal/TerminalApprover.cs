using OpenInterpreter.Core.Conversation;
using OpenInterpreter.Core.Tools;

namespace OpenInterpreter.Cli.Terminal;

/// <summary>
/// Asks <c>Would you like to run this code? (y/n/e)</c> before each run and <c>Edit src/app.py? (y/n/a)</c> before a
/// tool acts, reading the answer from the user; <c>a</c> allows that action's scope for the rest of the session.
/// </summary>
internal sealed class TerminalApprover(LineReader? answers, TextWriter prompt, IConversationView view, string editDirectory) : ICodeApprover
{
    private readonly HashSet<string> _allowed = new(StringComparer.Ordinal);

    public const string NoTerminal =
        "The code was not run: there is no terminal to ask the user for permission. " +
        "Tell the user to run the interpreter with -y (auto-run) if they want code to run unattended.";

    public async ValueTask<CodeApproval> ApproveAsync(CodeRequest request, CancellationToken cancellationToken)
    {
        if (answers is null)
        {
            return CodeApproval.Decline(request.Caution is { } caution
                ? $"The code was not run: {caution}. Under auto-run such code needs the user's yes, and there is no terminal to ask. Tell the user what you wanted to run and why; do not try to get around the check."
                : NoTerminal) with
            {
                Notice = request.Caution is { } why
                    ? $"Not run: {why}, and there is no terminal to ask."
                    : "Not run: there is no terminal to ask (-y runs code without asking).",
            };
        }

        using var pause = view.PauseLive();
        // The danger check's findings go with the question, so the answer is an informed one.
        foreach (var finding in request.Findings)
        {
            await prompt.WriteLineAsync($"  ! {finding}").ConfigureAwait(false);
        }

        var code = request.Code;
        while (true)
        {
            await prompt.WriteAsync("Would you like to run this code? (y/n/e) ").ConfigureAwait(false);
            await prompt.FlushAsync(cancellationToken).ConfigureAwait(false);
            var answer = (await answers.ReadLineAsync(cancellationToken).ConfigureAwait(false))?.Trim().ToLowerInvariant();
            switch (answer)
            {
                case "y" or "yes":
                    return CodeApproval.Run(code == request.Code ? null : code);
                case "a" or "always":
                    // A session allow rule for these commands (shown by %permissions).
                    return CodeApproval.Run(code == request.Code ? null : code) with { AllowAlways = true };
                case "e" or "edit":
                    string? edited;
                    using (answers.Suspend())
                    {
                        edited = await CodeEditor.EditAsync(code, Extension(request.Language), editDirectory, cancellationToken).ConfigureAwait(false);
                    }

                    if (edited is null)
                    {
                        view.Error("The editor failed, so the code is unchanged. Set $EDITOR to an editor that works here.");
                        continue;
                    }

                    // The edited code is what runs: show it, and ask about it.
                    code = edited;
                    view.ShowCode(request.Language, edited);
                    continue;
                case "":
                    continue;
                case null or "n" or "no":
                    // null: Ctrl-D, or the end of the input.
                    view.Notice("Not run.");
                    return CodeApproval.Decline();
                default:
                    view.Notice("Answer y to run the code, n not to run it, or e to edit it first.");
                    continue;
            }
        }
    }

    public async ValueTask<CodeApproval> ApproveActionAsync(ToolAction action, CancellationToken cancellationToken)
    {
        if (_allowed.Contains(action.Scope))
        {
            return CodeApproval.Run();
        }

        if (answers is null)
        {
            // The model is told below; the user, who may be reading only the answer, gets one line too.
            return CodeApproval.Decline($"{action.DeclinedText} There is no terminal to ask the user for permission.")
                with { Notice = $"{action.DeclinedText} There is no terminal to ask{(action.AlwaysAsk ? "" : " (-y allows it without asking)")}." };
        }

        using var pause = view.PauseLive();
        while (true)
        {
            await prompt.WriteAsync($"{action.Prompt} (y/n/a) ").ConfigureAwait(false);
            await prompt.FlushAsync(cancellationToken).ConfigureAwait(false);
            var answer = (await answers.ReadLineAsync(cancellationToken).ConfigureAwait(false))?.Trim().ToLowerInvariant();
            switch (answer)
            {
                case "y" or "yes":
                    return CodeApproval.Run();
                case "a" or "all" or "always":
                    // The safety gate turns this into a session allow rule where the scope has a rule form
                    // (mcp__SERVER__TOOL, edit(PATH), gui(ACTION)); the set covers the scopes that have none.
                    _allowed.Add(action.Scope);
                    return CodeApproval.Run() with { AllowAlways = true };
                case "":
                    continue;
                default:
                    return CodeApproval.Decline(action.DeclinedText);
            }
        }
    }

    private static string Extension(string language) => language switch
    {
        "python" => ".py",
        "shell" => ".sh",
        "javascript" => ".js",
        "r" => ".R",
        "ruby" => ".rb",
        "powershell" => ".ps1",
        "java" => ".java",
        "html" => ".html",
        "applescript" => ".applescript",
        "csharp" => ".csx",
        _ => ".txt",
    };
}
