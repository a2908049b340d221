using OpenInterpreter.Core.Conversation;
using OpenInterpreter.Core.Messages;
using OpenInterpreter.Core.Tools;
using OpenInterpreter.Core.Tools.Editor;
using Xunit;

namespace OpenInterpreter.Core.Tests.Tools.Editor;

public sealed class EditorToolTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("oi-editor-tool-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    /// <summary>Answers every question with <paramref name="answer"/> and remembers what was asked.</summary>
    private sealed class RecordingApprover(bool answer) : ICodeApprover
    {
        public List<ToolAction> Asked { get; } = [];

        public ValueTask<CodeApproval> ApproveAsync(CodeRequest request, CancellationToken cancellationToken) => throw new InvalidOperationException("no code here");

        public ValueTask<CodeApproval> ApproveActionAsync(ToolAction action, CancellationToken cancellationToken)
        {
            Asked.Add(action);
            return ValueTask.FromResult(answer ? CodeApproval.Run() : CodeApproval.Decline(action.DeclinedText));
        }
    }

    private async Task<(List<LmcChunk> Chunks, List<LmcMessage> Conversation)> CallAsync(ICodeApprover approver, string arguments)
    {
        var tool = new EditorTool(new FileEditor(_work), approver);
        var conversation = new List<LmcMessage>();
        var chunks = new List<LmcChunk>();
        await foreach (var chunk in tool.HandleAsync(new ToolCall(EditorTool.FunctionName, ToolArgumentsJson.Read(arguments), arguments), conversation, CancellationToken.None))
        {
            chunks.Add(chunk);
        }

        return (chunks, conversation);
    }

    [Fact]
    public async Task An_edit_is_shown_as_a_diff_then_asked_about_by_path()
    {
        File.WriteAllText(Path.Combine(_work, "app.py"), "x = 1\n");
        var approver = new RecordingApprover(true);

        var (chunks, conversation) = await CallAsync(approver, """{"command": "str_replace", "path": "app.py", "old_str": "x = 1", "new_str": "x = 2"}""");

        var asked = Assert.Single(approver.Asked);
        Assert.Equal("Edit app.py?", asked.Prompt);
        Assert.False(asked.AlwaysAsk);
        Assert.Equal("--- a/app.py\n+++ b/app.py\n@@ -1 +1 @@\n-x = 1\n+x = 2\n", chunks.Single(c => c.Format == "diff" && c.Content is not null).Content);
        Assert.Equal("x = 2\n", File.ReadAllText(Path.Combine(_work, "app.py")));
        Assert.StartsWith("Edited app.py.", conversation[^1].Content);
        Assert.Equal(EditorTool.FunctionName, conversation[0].Format);
    }

    [Fact]
    public async Task A_declined_edit_leaves_the_file_and_tells_the_model()
    {
        File.WriteAllText(Path.Combine(_work, "app.py"), "x = 1\n");

        var (_, conversation) = await CallAsync(new RecordingApprover(false), """{"command": "str_replace", "path": "app.py", "old_str": "x = 1", "new_str": "x = 2"}""");

        Assert.Equal("x = 1\n", File.ReadAllText(Path.Combine(_work, "app.py")));
        Assert.Equal("Error: The user declined this change to app.py; it was not made.", conversation[^1].Content);
    }

    [Fact]
    public async Task A_path_outside_the_current_folder_needs_confirmation_even_under_auto_run()
    {
        var outside = Path.Combine(Directory.CreateTempSubdirectory("oi-outside-").FullName, "notes.txt");
        var asker = new RecordingApprover(false);

        var (_, conversation) = await CallAsync(new AutoApprover(asker), $$"""{"command": "create", "path": "{{outside}}", "file_text": "hi\n"}""");

        var asked = Assert.Single(asker.Asked);
        Assert.Equal($"Create {outside} (outside the current folder)?", asked.Prompt);
        Assert.True(asked.AlwaysAsk);
        Assert.False(File.Exists(outside));
        Assert.StartsWith("Error: The user declined", conversation[^1].Content);
    }

    [Fact]
    public async Task Reading_inside_the_current_folder_asks_nothing_but_reading_outside_asks()
    {
        File.WriteAllText(Path.Combine(_work, "a.txt"), "inside\n");
        var approver = new RecordingApprover(true);

        var (_, inside) = await CallAsync(approver, """{"command": "view", "path": "a.txt"}""");
        Assert.Empty(approver.Asked);
        Assert.Contains("\tinside", inside[^1].Content);

        await CallAsync(approver, """{"command": "view", "path": "/etc/hostname"}""");
        Assert.Equal("Read /etc/hostname (outside the current folder)?", Assert.Single(approver.Asked).Prompt);
    }

    [Fact]
    public async Task Auto_run_with_nobody_to_ask_declines_an_outside_path()
    {
        var (_, conversation) = await CallAsync(new AutoApprover(), """{"command": "view", "path": "/etc/hostname"}""");
        Assert.Contains("nobody can be asked", conversation[^1].Content);
    }

    [Fact]
    public async Task Refusals_and_bad_arguments_go_back_as_errors_without_asking()
    {
        var approver = new RecordingApprover(true);
        Assert.Equal("Error: Unknown command 'delete'; the commands are view, create, str_replace, insert and undo_edit.",
            (await CallAsync(approver, """{"command": "delete", "path": "a.txt"}""")).Conversation[^1].Content);
        Assert.StartsWith("Error: The view command needs a \"path\".", (await CallAsync(approver, """{"command": "view"}""")).Conversation[^1].Content);
        Assert.StartsWith("Error: The arguments of the str_replace_editor call were not a JSON object.", (await CallAsync(approver, "{not json")).Conversation[^1].Content);
        Assert.StartsWith("Error: insert needs \"insert_line\"", (await CallAsync(approver, """{"command": "insert", "path": "a.txt", "new_str": "x"}""")).Conversation[^1].Content);
        Assert.Empty(approver.Asked);
    }

    [Fact]
    public void The_declaration_offers_anthropics_editor_commands()
    {
        var declaration = (Microsoft.Extensions.AI.AIFunctionDeclaration)new EditorTool(new FileEditor(_work), new AutoApprover()).Declare();
        Assert.Equal("str_replace_editor", declaration.Name);
        var commands = declaration.JsonSchema.GetProperty("properties").GetProperty("command").GetProperty("enum").EnumerateArray().Select(e => e.GetString());
        Assert.Equal(["view", "create", "str_replace", "insert", "undo_edit"], commands);
    }
}
