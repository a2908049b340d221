using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenInterpreter.Core.Conversation;
using OpenInterpreter.Core.Messages;

namespace OpenInterpreter.Core.Tools.Editor;

/// <summary>
/// The <c>editor</c> tool: Anthropic's text-editor commands offered as a JSON-schema function. Each change is shown
/// as a unified diff and confirmed before it is written (reads only when outside the current folder); the result or
/// the reason it was refused goes back to the model.
/// </summary>
public sealed class EditorTool(FileEditor editor, ICodeApprover approver) : ITool
{
    public const string ToolName = ToolNames.Editor;

    /// <summary>The function name Claude 3.5/3.7 were trained on; <see cref="NewerFunctionName"/> is Claude 4's.</summary>
    public const string FunctionName = "str_replace_editor";

    public const string NewerFunctionName = "str_replace_based_edit_tool";

    public string Name => ToolName;

    public AITool Declare() => EditorDeclaration.Create(FunctionName);

    public bool Handles(string functionName) => functionName is FunctionName or NewerFunctionName;

    public async IAsyncEnumerable<LmcChunk> HandleAsync(ToolCall call, List<LmcMessage> conversation, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var arguments = (call.ArgumentsFailed ? null : call.Arguments) ?? ToolArgumentsJson.Read(call.RawArguments);
        conversation.Add(new LmcMessage(LmcRole.Assistant, LmcType.Code, arguments is null ? call.RawArguments ?? "" : ToolArgumentsJson.Write(arguments), FunctionName));

        var step = Prepare(arguments);
        if (step.Plan is { } plan)
        {
            // The diff is what the user judges, so it goes on screen before the question (and under -y, as a record).
            yield return new LmcChunk(LmcRole.Assistant, LmcType.Code, "diff", Start: true);
            yield return new LmcChunk(LmcRole.Assistant, LmcType.Code, "diff", UnifiedDiff.Create(plan.DisplayPath, plan.Before, plan.After));
            yield return new LmcChunk(LmcRole.Assistant, LmcType.Code, "diff", End: true);
        }

        var result = step.Result;
        if (step.Action is { } action)
        {
            var approval = await approver.ApproveActionAsync(action, cancellationToken).ConfigureAwait(false);
            result = approval.Approved ? Attempt(step.Then!) : $"Error: {approval.DeclineReason ?? action.DeclinedText}";
        }

        conversation.Add(LmcMessage.ConsoleOutput(result!));
        foreach (var chunk in ToolResult.Output(result!))
        {
            yield return chunk;
        }
    }

    /// <summary>What a command needs: a result at once, or a question to ask first and the work to do after a yes.</summary>
    private sealed record Step(string? Result, EditPlan? Plan = null, ToolAction? Action = null, Func<string>? Then = null);

    private Step Prepare(IDictionary<string, object?>? arguments)
    {
        try
        {
            if (arguments is null)
            {
                throw new EditorRefusal($"The arguments of the {FunctionName} call were not a JSON object. {EditorDeclaration.Usage}");
            }

            var command = ToolArgument.String(arguments, "command");
            var path = ToolArgument.String(arguments, "path");
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new EditorRefusal($"The {command ?? "editor"} command needs a \"path\". {EditorDeclaration.Usage}");
            }

            var full = editor.Resolve(path);
            var outside = editor.IsOutside(full);
            var display = editor.Display(full);
            var where = outside ? " (outside the current folder)" : "";
            EditPlan plan;
            switch (command)
            {
                case "view":
                    var range = ToolArgument.Integers(arguments, "view_range");
                    return outside
                        ? new Step(null, Action: new ToolAction($"Read {display}{where}?", $"read:{full}", $"The user declined reading {display}.", AlwaysAsk: true), Then: () => editor.View(path, range))
                        : new Step(editor.View(path, range));
                case "create":
                    plan = editor.PlanCreate(path, Required(arguments, "file_text", command));
                    break;
                case "str_replace":
                    plan = editor.PlanStrReplace(path, Required(arguments, "old_str", command), ToolArgument.String(arguments, "new_str") ?? "");
                    break;
                case "insert":
                    var line = ToolArgument.Integer(arguments, "insert_line")
                        ?? throw new EditorRefusal($"insert needs \"insert_line\", the line number to insert after (0 for the top). {EditorDeclaration.Usage}");
                    plan = editor.PlanInsert(path, line, Required(arguments, "new_str", command));
                    break;
                case "undo_edit":
                    plan = editor.PlanUndo(path);
                    break;
                default:
                    throw new EditorRefusal($"Unknown command '{command}'; the commands are view, create, str_replace, insert and undo_edit.");
            }

            var verb = plan.Command switch
            {
                EditorCommand.Create => "Create",
                EditorCommand.UndoEdit => "Undo the last edit of",
                _ => "Edit",
            };
            var action = new ToolAction($"{verb} {display}{where}?", $"edit:{full}", $"The user declined this change to {display}; it was not made.", AlwaysAsk: outside);
            return new Step(null, plan, action, () => editor.Apply(plan));
        }
        catch (Exception e) when (e is EditorRefusal or IOException or UnauthorizedAccessException)
        {
            return new Step($"Error: {e.Message}");
        }
    }

    private static string Attempt(Func<string> work)
    {
        try
        {
            return work();
        }
        catch (Exception e) when (e is EditorRefusal or IOException or UnauthorizedAccessException)
        {
            return $"Error: {e.Message}";
        }
    }

    private static string Required(IDictionary<string, object?> arguments, string name, string command) =>
        ToolArgument.String(arguments, name) ?? throw new EditorRefusal($"{command} needs \"{name}\". {EditorDeclaration.Usage}");
}
