using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Cli.Tests.EndToEnd;

public sealed class StdinModeTests
{
    [Fact]
    public async Task Stdin_with_auto_run_answers_in_plain_text_and_exits_0()
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("What OS am I using?", FakeReply.Execute("shell", "uname -s"))
            .When(r => r.ToolResults.Count > 0, FakeReply.Text("You are using Linux."));
        await using var interpreter = Session.Start(server, "--stdin", "-y");

        await interpreter.WriteLineAsync("What OS am I using?");
        interpreter.CloseInput();

        Assert.Equal(0, await interpreter.WaitForExitAsync());
        Assert.Contains("Linux", server.Requests.Last().ToolResults.Single());
        Assert.EndsWith("You are using Linux.\n", interpreter.Stdout);
        Assert.DoesNotContain("\u001b", interpreter.Stdout);
    }

    [Fact]
    public async Task Stdin_without_auto_run_and_no_terminal_runs_nothing_and_tells_the_model()
    {
        var work = Directory.CreateTempSubdirectory("oi-stdin-").FullName;
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("make a file", FakeReply.Execute("shell", "touch created.txt"))
            .Otherwise(FakeReply.Text("I could not run it."));
        await using var interpreter = Session.StartIn(work, server, "--stdin");

        await interpreter.WriteLineAsync("make a file");
        interpreter.CloseInput();

        Assert.Equal(0, await interpreter.WaitForExitAsync());
        Assert.False(File.Exists(Path.Combine(work, "created.txt")));
        Assert.Contains("no terminal to ask the user for permission", server.Requests.Last().ToolResults.Single());
        Assert.Contains("Not run: there is no terminal to ask (-y runs code without asking).", interpreter.Stderr);
        Assert.DoesNotContain("Not run", interpreter.Stdout);
    }

    [Fact]
    public async Task The_request_carries_the_system_message_and_the_settings()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("ok"));
        await using var interpreter = Session.Start(server, "--stdin", "--temperature", "0.5", "--max_tokens", "300", "--custom_instructions", "Always answer in French.");

        await interpreter.WriteLineAsync("hello");
        interpreter.CloseInput();
        Assert.Equal(0, await interpreter.WaitForExitAsync());

        var request = server.Requests.Single().Json;
        Assert.True(request.GetProperty("stream").GetBoolean());
        Assert.Equal(0.5, request.GetProperty("temperature").GetDouble(), 3);
        var system = request.GetProperty("messages")[0];
        Assert.Equal("system", system.GetProperty("role").GetString());
        var systemText = RecordedRequest.ContentText(system);
        Assert.Contains("Open Interpreter", systemText);
        Assert.EndsWith("Always answer in French.", systemText);
        var language = request.GetProperty("tools")[0].GetProperty("function").GetProperty("parameters").GetProperty("properties").GetProperty("language");
        Assert.Contains("python", language.GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }
}
