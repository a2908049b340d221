namespace OpenInterpreter.Core.TextMode;

/// <summary>What a model without tool calling is told about running code: write one fenced block, then stop.</summary>
public static class CodeBlockInstructions
{
    public static string For(IReadOnlyList<string> languages) => $"""
        To run code, write it in one fenced code block that names its language, like this:
        ```{(languages.Count > 0 ? languages[0] : "python")}
        print("hello")
        ```
        The block runs as soon as it is complete (once the user allows it), and its output comes back to you in the
        next message. Write at most one code block per message, and stop writing after it. Do not use any other
        notation for running code. Languages: {string.Join(", ", languages)}.
        """;
}
