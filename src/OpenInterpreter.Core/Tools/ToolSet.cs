using Microsoft.Extensions.AI;
using OpenInterpreter.Core.Conversation;
using OpenInterpreter.Core.Languages;
using OpenInterpreter.Core.Settings;
using OpenInterpreter.Core.Tools.Editor;
using OpenInterpreter.Core.Tools.Gui;

namespace OpenInterpreter.Core.Tools;

/// <summary>The tools offered to the model in this conversation, and which of them handles a call.</summary>
public sealed class ToolSet(IReadOnlyList<ITool> tools)
{
    public IReadOnlyList<ITool> Tools { get; } = tools;

    /// <summary>The tools named in <see cref="InterpreterSettings.Tools"/> (the default set when null), in the order given.</summary>
    public static ToolSet Create(LanguageRegistry languages, ICodeApprover approver, InterpreterSettings settings, InterpreterPaths paths) =>
        new((settings.Tools ?? ToolNames.Default).Select(name => name switch
        {
            ToolNames.Interpreter => (ITool)new InterpreterTool(languages, approver, settings, paths),
            ToolNames.Editor => new EditorTool(new FileEditor(Environment.CurrentDirectory), approver),
            ToolNames.Gui => new GuiTool(new X11Screen(), approver),
            _ => throw new InterpreterException($"Unknown tool '{name}'; the tools are {string.Join(", ", ToolNames.All)}."),
        }).ToList());

    /// <summary>What the tools add to the system message, or an empty string.</summary>
    public string Instructions => string.Concat(Tools.Select(t => t.Instructions).OfType<string>().Select(text => "\n\n" + text));

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
