using Microsoft.Extensions.AI;

namespace OpenInterpreter.Core.Tools;

/// <summary>The tools offered to the model in this conversation, and which of them handles a call.</summary>
public sealed class ToolSet(IReadOnlyList<ITool> tools)
{
    public IReadOnlyList<ITool> Tools { get; } = tools;

    /// <summary>The declarations sent with every request.</summary>
    public IList<AITool> Declare() => Tools.Select(t => t.Declare()).ToList();

    /// <summary>The tool that handles a call to <paramref name="functionName"/>; null when none does.</summary>
    public ITool? Find(string functionName) => Tools.FirstOrDefault(t => t.Handles(functionName));

    /// <summary>What the model is told when it calls a function that is not offered.</summary>
    public static string UnknownToolMessage(string name, IEnumerable<string> offered)
    {
        var names = offered.ToList();
        return names.Count == 1
            ? $"There is no tool named '{name}'. The only tool is {(names[0] == ExecuteTool.Name ? "execute(language, code)" : names[0])}."
            : $"There is no tool named '{name}'. The tools are: {string.Join(", ", names)}.";
    }
}
