namespace OpenInterpreter.Core.Tools;

/// <summary>
/// Function names other than <c>execute</c> that a conversation can hold calls to. Such a call is kept as a code
/// message whose format is the function name and whose content is its JSON arguments.
/// </summary>
public static class ToolFunctions
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        Editor.EditorTool.FunctionName,
        Editor.EditorTool.NewerFunctionName,
        Gui.GuiTool.FunctionName,
    };

    public static bool IsToolFunction(string? format) =>
        format is not null && (Names.Contains(format) || format.StartsWith(Mcp.McpTool.Prefix, StringComparison.Ordinal));
}
