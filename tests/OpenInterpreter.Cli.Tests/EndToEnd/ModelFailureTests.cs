using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Cli.Tests.EndToEnd;

public sealed class ModelFailureTests
{
    [Fact]
    public async Task A_401_gives_one_line_naming_the_key_and_the_session_stays()
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("first", FakeReply.Error(401, "Incorrect API key provided: sk-test-****.", "invalid_api_key"), once: true)
            .Otherwise(FakeReply.Text("Second answer."));
        await using var interpreter = Session.Start(server);

        await interpreter.WriteLineAsync("first");
        await interpreter.WaitForOutputAsync("> ", occurrence: 2);
        await interpreter.WriteLineAsync("second");
        await interpreter.WaitForOutputAsync("Second answer.");
        interpreter.CloseInput();
        Assert.Equal(0, await interpreter.WaitForExitAsync());

        var errorLines = interpreter.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(errorLines);
        Assert.Contains("401", line);
        Assert.Contains("--api_key", line);
        Assert.DoesNotContain(Session.TestKey, interpreter.Stdout + interpreter.Stderr);

        // The failed turn's message is kept: the second request carries both user messages.
        var users = server.Requests.Last().Messages.Where(m => m.GetProperty("role").GetString() == "user").ToList();
        Assert.Equal(2, users.Count);
    }

    [Fact]
    public async Task A_401_names_the_environment_variable_when_the_key_came_from_it()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Error(401, "Incorrect API key provided."));
        await using var interpreter = InterpreterProcess.Start(
            ["--api_base", server.BaseUrl, "--stdin"],
            environment: new Dictionary<string, string> { ["OPENAI_API_KEY"] = "sk-env-abcdefghijklmnop" });

        await interpreter.WriteLineAsync("hello");
        interpreter.CloseInput();

        Assert.Equal(1, await interpreter.WaitForExitAsync());
        Assert.Contains("Check OPENAI_API_KEY.", interpreter.Stderr);
    }

    [Fact]
    public async Task Malformed_tool_call_json_gets_a_clear_message_back_to_the_model()
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("go", FakeReply.ToolCall("execute", "{\"language\": \"python\", \"code\": print(1)}"))
            .Otherwise(FakeReply.Text("Sorry, let me fix that."));
        await using var interpreter = Session.Start(server, "-y");

        await interpreter.WriteLineAsync("go");
        await interpreter.WaitForOutputAsync("Sorry, let me fix that.");
        interpreter.CloseInput();
        Assert.Equal(0, await interpreter.WaitForExitAsync());

        var result = server.Requests.Last().ToolResults.Single();
        Assert.Contains("not valid JSON", result);
        Assert.Contains("{\"language\": \"python\", \"code\": \"print(1)\"}", result);
    }

    [Fact]
    public async Task Raw_newlines_in_tool_call_json_are_repaired_and_the_code_runs()
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("go", FakeReply.ToolCall("execute", "{\"language\": \"python\", \"code\": \"a = 2\nprint(a + 3)\"}"))
            .Otherwise(FakeReply.Text("Done."));
        await using var interpreter = Session.Start(server, "-y");

        await interpreter.WriteLineAsync("go");
        await interpreter.WaitForOutputAsync("Done.");
        interpreter.CloseInput();
        await interpreter.WaitForExitAsync();

        Assert.Equal("5", server.Requests.Last().ToolResults.Single().Trim());
    }

    [Fact]
    public async Task An_unknown_language_is_reported_to_the_model()
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("go", FakeReply.Execute("cobol", "DISPLAY 'HI'."))
            .Otherwise(FakeReply.Text("Noted."));
        await using var interpreter = Session.Start(server, "-y");

        await interpreter.WriteLineAsync("go");
        await interpreter.WaitForOutputAsync("Noted.");
        interpreter.CloseInput();
        await interpreter.WaitForExitAsync();

        Assert.StartsWith("Language cobol is not enabled; enabled: python, shell", server.Requests.Last().ToolResults.Single());
    }

    [Fact]
    public async Task A_stream_cut_in_the_middle_keeps_what_arrived_and_says_so()
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("talk", FakeReply.CutText("Hello there, this reply will break off soon", pieces: 3), once: true)
            .Otherwise(FakeReply.Text("Back again."));
        await using var interpreter = Session.Start(server);

        await interpreter.WriteLineAsync("talk");
        await interpreter.WaitForOutputAsync("> ", occurrence: 2);
        await interpreter.WriteLineAsync("continue");
        await interpreter.WaitForOutputAsync("Back again.");
        interpreter.CloseInput();
        await interpreter.WaitForExitAsync();

        Assert.Contains("Hello there,", interpreter.Stdout);
        Assert.Contains("broke off", interpreter.Stderr);
        var assistant = server.Requests.Last().Messages.Single(m => m.GetProperty("role").GetString() == "assistant");
        Assert.Equal("Hello there,", OpenInterpreter.Testing.RecordedRequest.ContentText(assistant));
    }

    [Fact]
    public async Task An_unreachable_server_is_one_clear_line()
    {
        await using var interpreter = InterpreterProcess.Start(["--api_base", "http://127.0.0.1:9/v1", "--api_key", Session.TestKey, "--stdin"]);
        await interpreter.WriteLineAsync("hello");
        interpreter.CloseInput();

        Assert.Equal(1, await interpreter.WaitForExitAsync());
        Assert.Contains("Could not connect to http://127.0.0.1:9/v1", interpreter.Stderr.Trim());
        Assert.Single(interpreter.Stderr.Trim().Split('\n'));
    }
}
