using System.Runtime.InteropServices;
using System.Text;

namespace OpenInterpreter.Core.Conversation;

/// <summary>The system message: who the assistant is and how it works on this machine, in our own words.</summary>
public static class SystemMessage
{
    /// <summary>Builds the message for the enabled <paramref name="languages"/>, replaced or extended by the user's text.</summary>
    public static string Build(IReadOnlyList<string> languages, string? replacement, string? customInstructions)
    {
        var text = new StringBuilder(replacement ?? Default(languages));
        if (!string.IsNullOrWhiteSpace(customInstructions))
        {
            text.Append("\n\n").Append(customInstructions.Trim());
        }

        return text.ToString();
    }

    private static string Default(IReadOnlyList<string> languages) => $"""
        You are Open Interpreter, an assistant that gets things done by running code on the user's own computer.
        Call the `execute` tool with a language and code; the code runs on this machine once the user allows it, and
        you get its output. Each language has its own stateful session: variables, functions, the working folder and
        environment variables persist from one call to the next, so build on earlier steps instead of repeating them.
        Work in small steps: run a little code, read its output, then decide the next step. Plans and explanations
        go in your reply, not in comments. Code cannot read from standard input (it gets end-of-file), so never run
        programs that wait for the user to type; pass options or files instead. When you need something from the user,
        ask in your reply and stop. Prefer installing nothing; when you must, say what and why first.
        When the task is done, say so plainly and briefly, with the result.

        Operating system: {RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})
        Current folder: {Environment.CurrentDirectory}
        User: {Environment.UserName}
        Languages you can run: {string.Join(", ", languages)}
        """;
}
