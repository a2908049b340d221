using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Cli.Tests.EndToEnd;

public sealed class FileEditingTests
{
    private static FakeReply Edit(string path, string oldText, string newText) => FakeReply.ToolCall("str_replace_editor",
        System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["command"] = "str_replace", ["path"] = path, ["old_str"] = oldText, ["new_str"] = newText }));

    [Fact]
    public async Task The_model_edits_a_file_after_the_user_sees_the_diff_and_says_yes()
    {
        var work = Directory.CreateTempSubdirectory("oi-edit-").FullName;
        File.WriteAllText(Path.Combine(work, "app.py"), "print('hello')\n");
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("greet the world", Edit("app.py", "hello", "hello, world"))
            .Otherwise(FakeReply.Text("Changed the greeting."));
        await using var interpreter = Session.StartIn(work, server);

        await interpreter.WriteLineAsync("greet the world");
        await interpreter.WaitForOutputAsync("Edit app.py? (y/n/a)");
        Assert.Equal("print('hello')\n", File.ReadAllText(Path.Combine(work, "app.py")));
        await interpreter.WriteLineAsync("y");
        await interpreter.WaitForOutputAsync("Changed the greeting.");
        interpreter.CloseInput();
        Assert.Equal(0, await interpreter.WaitForExitAsync());

        Assert.Equal("print('hello, world')\n", File.ReadAllText(Path.Combine(work, "app.py")));
        Assert.Contains("```diff\n--- a/app.py\n+++ b/app.py\n@@ -1 +1 @@\n-print('hello')\n+print('hello, world')\n```", interpreter.Stdout);
        var offered = server.Requests[0].Json.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal(["execute", "str_replace_editor"], offered);

        // The call goes back to the model as it was made, with its result.
        var last = server.Requests.Last();
        Assert.StartsWith("Edited app.py.", last.ToolResults.Single());
        var call = last.Messages.Single(m => m.TryGetProperty("tool_calls", out _)).GetProperty("tool_calls")[0].GetProperty("function");
        Assert.Equal("str_replace_editor", call.GetProperty("name").GetString());
        Assert.Contains("\"old_str\":\"hello\"", call.GetProperty("arguments").GetString()!.Replace(" ", ""));
    }

    [Fact]
    public async Task Answering_a_allows_further_edits_of_that_file_without_asking()
    {
        var work = Directory.CreateTempSubdirectory("oi-edit-all-").FullName;
        File.WriteAllText(Path.Combine(work, "n.txt"), "one\n");
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("first", Edit("n.txt", "one", "two"))
            .WhenLastMessageContains("second", Edit("n.txt", "two", "three"))
            .Otherwise(FakeReply.Text("Done."));
        await using var interpreter = Session.StartIn(work, server);

        await interpreter.WriteLineAsync("first");
        await interpreter.WaitForOutputAsync("Edit n.txt? (y/n/a)");
        await interpreter.WriteLineAsync("a");
        await interpreter.WaitForOutputAsync("Done.");
        await interpreter.WriteLineAsync("second");
        await interpreter.WaitForOutputAsync("Done.", occurrence: 2);
        interpreter.CloseInput();
        await interpreter.WaitForExitAsync();

        Assert.Equal("three\n", File.ReadAllText(Path.Combine(work, "n.txt")));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(interpreter.Stdout, @"\(y/n/a\)"));
    }

    [Fact]
    public async Task A_declined_edit_is_not_made_and_the_model_is_told()
    {
        var work = Directory.CreateTempSubdirectory("oi-edit-no-").FullName;
        File.WriteAllText(Path.Combine(work, "app.py"), "x = 1\n");
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("bump x", Edit("app.py", "x = 1", "x = 2"))
            .Otherwise(FakeReply.Text("Left it alone."));
        await using var interpreter = Session.StartIn(work, server);

        await interpreter.WriteLineAsync("bump x");
        await interpreter.WaitForOutputAsync("(y/n/a)");
        await interpreter.WriteLineAsync("n");
        await interpreter.WaitForOutputAsync("Left it alone.");
        interpreter.CloseInput();
        await interpreter.WaitForExitAsync();

        Assert.Equal("x = 1\n", File.ReadAllText(Path.Combine(work, "app.py")));
        Assert.Equal("Error: The user declined this change to app.py; it was not made.", server.Requests.Last().ToolResults.Single());
    }

    [Fact]
    public async Task A_file_outside_the_current_folder_is_asked_about_even_with_auto_run()
    {
        var work = Directory.CreateTempSubdirectory("oi-edit-outside-").FullName;
        var outside = Path.Combine(Directory.CreateTempSubdirectory("oi-elsewhere-").FullName, "notes.txt");
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("write notes", FakeReply.ToolCall("str_replace_editor",
                System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["command"] = "create", ["path"] = outside, ["file_text"] = "remember\n" })))
            .Otherwise(FakeReply.Text("Noted."));
        await using var interpreter = Session.StartIn(work, server, "-y");

        await interpreter.WriteLineAsync("write notes");
        await interpreter.WaitForOutputAsync($"Create {outside} (outside the current folder)? (y/n/a)");
        Assert.False(File.Exists(outside));
        await interpreter.WriteLineAsync("y");
        await interpreter.WaitForOutputAsync("Noted.");
        interpreter.CloseInput();
        await interpreter.WaitForExitAsync();

        Assert.Equal("remember\n", File.ReadAllText(outside));
    }

    [Fact]
    public async Task Tools_limits_what_the_model_is_offered()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("Hi."));
        await using var interpreter = Session.Start(server, "--tools", "editor", "--stdin");

        await interpreter.WriteLineAsync("hello");
        interpreter.CloseInput();
        Assert.Equal(0, await interpreter.WaitForExitAsync());

        var offered = server.Requests[0].Json.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal(["str_replace_editor"], offered);
    }
}
