using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Cli.Tests.EndToEnd;

/// <summary>Models without tool calling, and the repairs of what weak models write instead of a tool call.</summary>
public sealed class TextModeTests
{
    [Fact]
    public async Task Without_tool_calling_the_first_code_block_runs_and_its_output_comes_back_as_a_user_message()
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("add", FakeReply.Text("Let me compute it.\n```python\na = 2\nprint(a + 3)\n```\nAFTER THE BLOCK, never shown\n```python\nprint('second block')\n```\n", PieceLength: 5))
            .WhenLastMessageContains("Code output:", FakeReply.Text("The answer is 5."));
        await using var interpreter = Session.Start(server, "--stdin", "-y", "--no-llm_supports_functions");

        await interpreter.WriteLineAsync("add 2 and 3");
        interpreter.CloseInput();

        Assert.Equal(0, await interpreter.WaitForExitAsync());
        Assert.Contains("The answer is 5.", interpreter.Stdout);
        Assert.DoesNotContain("AFTER THE BLOCK", interpreter.Stdout);
        Assert.DoesNotContain("second block", interpreter.Stdout);

        var first = server.Requests[0].Json;
        Assert.False(first.TryGetProperty("tools", out _));
        Assert.Contains("fenced code block", server.Requests[0].SystemText);

        var last = server.Requests[^1];
        Assert.Equal("Code output:\n5", last.LastMessageText.Trim());
        Assert.Empty(last.ToolResults);
        var assistant = last.Messages.Single(m => m.GetProperty("role").GetString() == "assistant");
        Assert.Equal("Let me compute it.\n```python\na = 2\nprint(a + 3)\n```", RecordedRequest.ContentText(assistant).Trim());
    }

    [Fact]
    public async Task A_code_block_without_a_language_runs_as_python()
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("go", FakeReply.Text("```\nimport sys\nprint(sys.version_info[0] * 7)\n```"))
            .WhenLastMessageContains("Code output:", FakeReply.Text("Done."));
        await using var interpreter = Session.Start(server, "--stdin", "-y", "--no-llm-supports-functions");

        await interpreter.WriteLineAsync("go");
        interpreter.CloseInput();

        Assert.Equal(0, await interpreter.WaitForExitAsync());
        Assert.Equal("Code output:\n21", server.Requests[^1].LastMessageText.Trim());
    }

    [Fact]
    public async Task A_tool_call_written_as_json_in_the_text_is_run()
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("go", FakeReply.Text("I will run this: {\"language\": \"python\", \"code\": \"print(6 * 7)\"}"))
            .When(r => r.ToolResults.Count > 0, FakeReply.Text("It is 42."));
        await using var interpreter = Session.Start(server, "--stdin", "-y");

        await interpreter.WriteLineAsync("go");
        interpreter.CloseInput();

        Assert.Equal(0, await interpreter.WaitForExitAsync());
        Assert.Equal("42", server.Requests[^1].ToolResults.Single().Trim());
        Assert.Contains("It is 42.", interpreter.Stdout);
    }

    [Fact]
    public async Task A_functions_execute_wrapper_in_the_text_is_run()
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("go", FakeReply.Text("functions.execute({\"language\": \"shell\", \"code\": \"echo wrapped-$((40 + 2))\"})"))
            .When(r => r.ToolResults.Count > 0, FakeReply.Text("Ran it."));
        await using var interpreter = Session.Start(server, "--stdin", "-y");

        await interpreter.WriteLineAsync("go");
        interpreter.CloseInput();

        Assert.Equal(0, await interpreter.WaitForExitAsync());
        Assert.Equal("wrapped-42", server.Requests[^1].ToolResults.Single().Trim());
    }

    [Fact]
    public async Task A_json_block_holding_a_call_runs_in_text_mode()
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("go", FakeReply.Text("```json\n{\"language\": \"python\", \"code\": \"print('from json')\"}\n```"))
            .WhenLastMessageContains("Code output:", FakeReply.Text("Done."));
        await using var interpreter = Session.Start(server, "--stdin", "-y", "--no-llm_supports_functions");

        await interpreter.WriteLineAsync("go");
        interpreter.CloseInput();

        Assert.Equal(0, await interpreter.WaitForExitAsync());
        Assert.Equal("Code output:\nfrom json", server.Requests[^1].LastMessageText.Trim());
    }
}
