using OpenInterpreter.Cli.Tests.EndToEnd;
using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Cli.Tests.Faults;

/// <summary>A model that never stops calling tools: identical calls are caught, and every turn has a cap on requests.</summary>
public sealed class LoopGuardTests
{
    [Fact]
    public async Task The_same_call_with_the_same_result_is_stopped_after_three_rounds_with_one_line()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Execute("python", "print('same again')"));
        await using var interpreter = Session.Start(server, "--stdin", "-y");

        await interpreter.WriteLineAsync("do it");
        interpreter.CloseInput();

        Assert.Equal(1, await interpreter.WaitForExitAsync());
        var line = Assert.Single(interpreter.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("The model made the same call 3 times in a row and got the same result each time; stopped it.", line);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Calls_whose_results_differ_are_not_taken_for_a_loop_but_max_turns_caps_them()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Execute("python", "import time\nprint(time.time_ns())"));
        await using var interpreter = Session.Start(server, "--stdin", "-y", "--max_turns", "5");

        await interpreter.WriteLineAsync("do it");
        interpreter.CloseInput();

        Assert.Equal(1, await interpreter.WaitForExitAsync());
        var line = Assert.Single(interpreter.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Stopped after 5 model requests in this turn (max_turns); the conversation is kept.", line);
        Assert.Equal(5, server.Requests.Count);
        Assert.Equal(4, server.Requests[^1].ToolResults.Count);
    }

    [Fact]
    public async Task Max_turns_is_a_profile_key_and_the_session_goes_on_after_it_stops_a_turn()
    {
        var profile = Path.Combine(Directory.CreateTempSubdirectory("oi-profile-").FullName, "capped.yaml");
        await File.WriteAllTextAsync(profile, "max_turns: 3\n");
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("thanks", FakeReply.Text("You are welcome."))
            .Otherwise(FakeReply.Execute("python", "import time\nprint(time.time_ns())"));
        await using var interpreter = Session.Start(server, "-y", "--profile", profile);

        await interpreter.WriteLineAsync("do it");
        await interpreter.WaitForErrorAsync("Stopped after 3 model requests", timeoutSeconds: 60);
        await interpreter.WriteLineAsync("thanks");
        await interpreter.WaitForOutputAsync("You are welcome.");
        interpreter.CloseInput();

        Assert.Equal(0, await interpreter.WaitForExitAsync());
        Assert.Equal(4, server.Requests.Count);
    }

    [Fact]
    public async Task At_a_terminal_the_user_is_asked_whether_a_repeating_model_may_go_on()
    {
        var home = Directory.CreateTempSubdirectory("oi-tty-home-").FullName;
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Execute("python", "print('same again')"));
        await using var terminal = await TerminalSession.StartAsync(home, "--api_base", server.BaseUrl, "--api_key", Session.TestKey, "-y", "loop please");

        await terminal.WaitForAsync("Let it go on? (y/n)", timeoutSeconds: 60);
        Assert.Equal(3, server.Requests.Count);
        // The question stays on screen while it waits: no spinner is drawn over it.
        await Task.Delay(600);
        var screen = await terminal.VisibleScreenAsync();
        Assert.Contains("Let it go on? (y/n)", screen);
        Assert.DoesNotContain("waiting for", screen);
        await terminal.TypeAsync("y");
        await terminal.PressAsync("Enter");
        await terminal.WaitForAsync("Let it go on? (y/n)", occurrence: 2, timeoutSeconds: 60);
        Assert.Equal(6, server.Requests.Count);
        await Task.Delay(300);
        await terminal.TypeAsync("n");
        await terminal.PressAsync("Enter");
        await terminal.WaitForAsync("stopped it.", timeoutSeconds: 30);
        Assert.Equal(6, server.Requests.Count);
    }
}
