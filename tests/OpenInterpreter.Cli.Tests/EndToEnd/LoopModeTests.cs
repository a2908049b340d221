using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Cli.Tests.EndToEnd;

/// <summary>OI's --loop: the model is told to go on until its answer contains one of the breakers.</summary>
public sealed class LoopModeTests
{
    private static FakeModelServer Server() => FakeModelServer.Start()
        .WhenLastMessageContains("Proceed.", FakeReply.Text("Step two is done too."), once: true)
        .WhenLastMessageContains("Proceed.", FakeReply.Text("All of it worked. The task is done."))
        .Otherwise(FakeReply.Text("Step one is done."));

    [Fact]
    public async Task Loop_keeps_going_until_the_answer_holds_a_breaker()
    {
        await using var server = Server();
        await using var interpreter = Session.Start(server, "--stdin", "--loop");
        await interpreter.WriteLineAsync("do the three steps");
        interpreter.CloseInput();

        Assert.Equal(0, await interpreter.WaitForExitAsync());
        Assert.Equal(3, server.Requests.Count);
        Assert.StartsWith("Proceed.", server.Requests[1].LastMessageText);
        Assert.Contains("'The task is done.'", server.Requests[2].LastMessageText);
        Assert.Contains("The task is done.", interpreter.Stdout);
    }

    [Fact]
    public async Task Without_loop_one_answer_ends_the_turn()
    {
        await using var server = Server();
        await using var interpreter = Session.Start(server, "--stdin");
        await interpreter.WriteLineAsync("do the three steps");
        interpreter.CloseInput();

        Assert.Equal(0, await interpreter.WaitForExitAsync());
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_profile_sets_the_loop_message_and_breakers()
    {
        var home = Directory.CreateTempSubdirectory("oi-loop-").FullName;
        var profiles = Path.Combine(home, ".config", "open-interpreter", "profiles");
        Directory.CreateDirectory(profiles);
        File.WriteAllText(Path.Combine(profiles, "looping.yaml"), "loop: true\nloop_message: \"Go on, please.\"\nloop_breakers: [\"FINISHED\"]\n");
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("Go on, please.", FakeReply.Text("FINISHED"))
            .Otherwise(FakeReply.Text("The task is done."));
        await using var interpreter = Session.StartAt(home, server, "--stdin", "--profile", "looping");
        await interpreter.WriteLineAsync("start");
        interpreter.CloseInput();

        Assert.Equal(0, await interpreter.WaitForExitAsync());
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal("Go on, please.", server.Requests[1].LastMessageText);
    }
}
