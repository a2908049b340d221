namespace OpenInterpreter.Core.Tools;

/// <summary>The names <c>--tools</c> and the profile key <c>tools</c> accept, and the default set.</summary>
public static class ToolNames
{
    public const string Interpreter = "interpreter";
    public const string Editor = "editor";
    public const string Gui = "gui";

    public static IReadOnlyList<string> All { get; } = [Interpreter, Editor, Gui];

    public static IReadOnlyList<string> Default { get; } = [Interpreter, Editor];

    /// <summary>Reads a comma-separated list; an unknown or missing name throws one line listing the valid ones.</summary>
    public static IReadOnlyList<string> Parse(string list)
    {
        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => n.ToLowerInvariant()).Distinct().ToList();
        if (names.FirstOrDefault(n => !All.Contains(n)) is { } unknown)
        {
            throw new InterpreterException($"Unknown tool '{unknown}'; the tools are {string.Join(", ", All)}.");
        }

        if (names.Count == 0)
        {
            throw new InterpreterException($"No tools named; the tools are {string.Join(", ", All)}.");
        }

        return names;
    }
}
