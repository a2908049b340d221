using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Cli.Tests.EndToEnd;

/// <summary>Safety through the real CLI: the danger check under -y, safe_mode off, permission rules, the budget.</summary>
public sealed class SafetyTests
{
    private static string Profile(string yaml)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("oi-profile-").FullName, "safety.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Theory]
    [InlineData("--stdin")]
    [InlineData("--json")]
    public async Task Under_auto_run_without_a_terminal_a_delete_of_a_home_folder_is_refused_and_the_model_told_why(string frontEnd)
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("clean up", FakeReply.Execute("shell", "rm -rf \"$HOME/keep\""))
            .Otherwise(FakeReply.Text("I did not delete it."));
        string[] arguments = frontEnd == "--json" ? ["--json", "--stdin", "-y"] : ["--stdin", "-y"];
        await using var interpreter = Session.Start(server, arguments);
        var keep = Directory.CreateDirectory(Path.Combine(interpreter.Home, "keep")).FullName;
        File.WriteAllText(Path.Combine(keep, "precious.txt"), "x");

        await interpreter.WriteLineAsync("clean up");
        interpreter.CloseInput();
        Assert.Equal(0, await interpreter.WaitForExitAsync());

        Assert.True(File.Exists(Path.Combine(keep, "precious.txt")));
        var result = server.Requests.Last().ToolResults.Single();
        Assert.Contains("The code was not run", result);
        Assert.Contains("high risk: deletes", result);
        Assert.Contains("outside the working folder", result);
        if (frontEnd == "--stdin")
        {
            Assert.Contains("Not run: the safety check found a high risk: deletes", interpreter.Stderr);
        }
    }

    [Fact]
    public async Task A_cd_in_one_run_is_followed_into_the_next_so_a_relative_delete_there_is_refused()
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("tidy keep", FakeReply.Execute("shell", "cd \"$HOME/keep\" && ls"))
            .WhenLastMessageContains("precious.txt", FakeReply.Execute("shell", "rm -rf *"))
            .Otherwise(FakeReply.Text("Left as it was."));
        await using var interpreter = Session.Start(server, "--stdin", "-y");
        var keep = Directory.CreateDirectory(Path.Combine(interpreter.Home, "keep")).FullName;
        File.WriteAllText(Path.Combine(keep, "precious.txt"), "x");

        await interpreter.WriteLineAsync("tidy keep");
        interpreter.CloseInput();
        Assert.Equal(0, await interpreter.WaitForExitAsync());

        Assert.True(File.Exists(Path.Combine(keep, "precious.txt")));
        var result = server.Requests.Last().ToolResults.Last();
        Assert.Contains("The code was not run", result);
        Assert.Contains("(rm -r * in ~/keep)", result);
    }

    [Fact]
    public async Task Safe_mode_off_runs_the_same_code()
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("clean up", FakeReply.Execute("shell", "rm -rf \"$HOME/keep\" && echo removed"))
            .Otherwise(FakeReply.Text("Deleted."));
        await using var interpreter = Session.Start(server, "--stdin", "-y", "--safe_mode", "off");
        var keep = Directory.CreateDirectory(Path.Combine(interpreter.Home, "keep")).FullName;

        await interpreter.WriteLineAsync("clean up");
        interpreter.CloseInput();
        Assert.Equal(0, await interpreter.WaitForExitAsync());

        Assert.False(Directory.Exists(keep));
        Assert.Equal("removed", server.Requests.Last().ToolResults.Single().Trim());
    }

    [Fact]
    public async Task A_deny_rule_holds_under_auto_run()
    {
        var work = Directory.CreateTempSubdirectory("oi-deny-").FullName;
        var profile = Profile("permissions:\n  deny: [\"shell(touch:*)\"]\n");
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("make it", FakeReply.Execute("shell", "ls && touch made.txt"))
            .Otherwise(FakeReply.Text("Refused."));
        await using var interpreter = Session.StartIn(work, server, "--stdin", "-y", "--profile", profile);

        await interpreter.WriteLineAsync("make it");
        interpreter.CloseInput();
        Assert.Equal(0, await interpreter.WaitForExitAsync());

        Assert.False(File.Exists(Path.Combine(work, "made.txt")));
        Assert.Contains("the permission rule deny shell(touch:*)", server.Requests.Last().ToolResults.Single());
        Assert.Contains("Not run: the permission rule deny shell(touch:*)", interpreter.Stderr);
    }

    [Fact]
    public async Task An_allow_rule_runs_without_a_question_and_only_when_every_command_matches()
    {
        var work = Directory.CreateTempSubdirectory("oi-allow-").FullName;
        var profile = Profile("permissions:\n  allow:\n    - shell(echo:*)\n");
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("first", FakeReply.Execute("shell", "echo allowed > allowed.txt"))
            .WhenLastMessageContains("second", FakeReply.Execute("shell", "echo x && touch asked.txt"))
            .Otherwise(FakeReply.Text("Done."));
        await using var interpreter = Session.StartIn(work, server, "--profile", profile);

        await interpreter.WriteLineAsync("first");
        await interpreter.WaitForOutputAsync("Done.");
        Assert.DoesNotContain("Would you like to run this code?", interpreter.Stdout);
        Assert.Equal("allowed\n", File.ReadAllText(Path.Combine(work, "allowed.txt")));

        await interpreter.WriteLineAsync("second");
        await interpreter.WaitForOutputAsync("Would you like to run this code? (y/n/e)");
        await interpreter.WriteLineAsync("n");
        await interpreter.WaitForOutputAsync("Done.", occurrence: 2);
        interpreter.CloseInput();
        await interpreter.WaitForExitAsync();
        Assert.False(File.Exists(Path.Combine(work, "asked.txt")));
    }

    [Fact]
    public async Task Answering_a_adds_a_session_rule_that_permissions_lists_and_the_next_run_uses()
    {
        var work = Directory.CreateTempSubdirectory("oi-always-").FullName;
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("one", FakeReply.Execute("shell", "touch one.txt"))
            .WhenLastMessageContains("two", FakeReply.Execute("shell", "touch two.txt"))
            .Otherwise(FakeReply.Text("Done."));
        await using var interpreter = Session.StartIn(work, server);

        await interpreter.WriteLineAsync("one");
        await interpreter.WaitForOutputAsync("(y/n/e)");
        await interpreter.WriteLineAsync("a");
        await interpreter.WaitForOutputAsync("Done.");
        await interpreter.WriteLineAsync("two");
        await interpreter.WaitForOutputAsync("Done.", occurrence: 2);
        await interpreter.WriteLineAsync("%permissions");
        await interpreter.WaitForOutputAsync("allow shell(touch:*)");
        interpreter.CloseInput();
        await interpreter.WaitForExitAsync();

        Assert.True(File.Exists(Path.Combine(work, "two.txt")));
        Assert.Equal(1, CountOf(interpreter.Stdout, "Would you like to run this code?"));
    }

    [Fact]
    public async Task Findings_are_shown_at_the_question()
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("push", FakeReply.Execute("shell", "git push --force origin main"))
            .Otherwise(FakeReply.Text("Not pushed."));
        await using var interpreter = Session.Start(server);

        await interpreter.WriteLineAsync("push");
        await interpreter.WaitForOutputAsync("(y/n/e)");
        await interpreter.WriteLineAsync("n");
        await interpreter.WaitForOutputAsync("Not pushed.");
        interpreter.CloseInput();
        await interpreter.WaitForExitAsync();

        Assert.Contains("! high: rewrites the remote's history", interpreter.Stdout);
    }

    [Fact]
    public async Task Max_budget_stops_a_looping_model_before_the_request_that_would_pass_it()
    {
        // Each run prints a new count, so the guard against a model repeating itself (same call, same result) stays out of it.
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Execute("python", "n = globals().get('n', 0) + 1\nprint(n)"));
        await using var interpreter = Session.Start(server, "--stdin", "-y", "--max_budget", "0.01");

        await interpreter.WriteLineAsync("loop forever");
        interpreter.CloseInput();
        Assert.Equal(1, await interpreter.WaitForExitAsync(timeoutSeconds: 120));

        Assert.Contains("Stopped before the next request", interpreter.Stderr);
        Assert.Contains("of its $0.0100 budget", interpreter.Stderr);
        Assert.Matches(@"Spent \$0\.0\d{3} of \$0\.0100", interpreter.Stdout + interpreter.Stderr);
        Assert.InRange(server.Requests.Count, 2, 30);
    }

    private static int CountOf(string text, string part) => text.Split(part).Length - 1;
}
