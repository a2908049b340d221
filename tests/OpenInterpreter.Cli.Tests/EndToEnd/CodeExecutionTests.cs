using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Cli.Tests.EndToEnd;

public sealed class CodeExecutionTests
{
    [Fact]
    public async Task Python_result_reaches_the_model_and_the_screen()
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("What is 2380*3875?", FakeReply.Execute("python", "print(2380*3875)", "Let me compute that."))
            .When(r => r.ToolResults.Count > 0, FakeReply.Text("2380 × 3875 = **9222500**."));
        await using var interpreter = Session.Start(server, "-y");

        await interpreter.WriteLineAsync("What is 2380*3875?");
        await interpreter.WaitForOutputAsync("**9222500**.");
        interpreter.CloseInput();
        Assert.Equal(0, await interpreter.WaitForExitAsync());

        var second = server.Requests[1];
        Assert.Contains("9222500", second.ToolResults.Single());
        Assert.Contains("```python\nprint(2380*3875)\n```", interpreter.Stdout);
        Assert.Contains("```output\n9222500\n```", interpreter.Stdout);
        Assert.DoesNotContain("\u001b", interpreter.Stdout);
        Assert.Equal("gpt-4o", second.Json.GetProperty("model").GetString());
        Assert.Equal("Bearer " + Session.TestKey, second.Headers["Authorization"]);
        Assert.Equal("execute", server.Requests[0].Json.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_failed_run_says_so_under_its_output_in_plain_text()
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("fail", FakeReply.Execute("shell", "echo before; (exit 3)"))
            .Otherwise(FakeReply.Text("It failed."));
        await using var interpreter = Session.Start(server, "-y");

        await interpreter.WriteLineAsync("fail please");
        await interpreter.WaitForOutputAsync("It failed.");
        interpreter.CloseInput();
        Assert.Equal(0, await interpreter.WaitForExitAsync());

        Assert.True(interpreter.Stdout.Contains("```output\nbefore\n```\n(failed: exit status 3)\n", StringComparison.Ordinal), interpreter.Stdout);
    }

    [Theory]
    [InlineData("python", "x = 21", "python", "print(x * 2)")]
    [InlineData("csharp", "var x = 21;", "cs", "x * 2")]
    public async Task A_variable_survives_to_the_next_run(string language, string define, string alias, string use)
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("define x", FakeReply.Execute(language, define))
            .WhenLastMessageContains("double x", FakeReply.Execute(alias, use))
            .Otherwise(FakeReply.Text("Done."));
        await using var interpreter = Session.Start(server, "-y");

        await interpreter.WriteLineAsync("define x");
        await interpreter.WaitForOutputAsync("Done.");
        await interpreter.WriteLineAsync("double x");
        await interpreter.WaitForOutputAsync("Done.", occurrence: 2);
        interpreter.CloseInput();
        await interpreter.WaitForExitAsync();

        Assert.Equal("42", server.Requests.Last().ToolResults.Last().Trim());
    }

    [Fact]
    public async Task A_shell_cd_persists_between_runs()
    {
        var target = Directory.CreateTempSubdirectory("oi-cd-").FullName;
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("go there", FakeReply.Execute("shell", $"cd {target}"))
            .WhenLastMessageContains("where am i", FakeReply.Execute("bash", "pwd"))
            .Otherwise(FakeReply.Text("Done."));
        await using var interpreter = Session.Start(server, "-y");

        await interpreter.WriteLineAsync("go there");
        await interpreter.WaitForOutputAsync("Done.");
        await interpreter.WriteLineAsync("where am i");
        await interpreter.WaitForOutputAsync("Done.", occurrence: 2);
        interpreter.CloseInput();
        await interpreter.WaitForExitAsync();

        Assert.Equal(target, server.Requests.Last().ToolResults.Last().Trim());
    }

    [Fact]
    public async Task Declined_code_is_not_run_and_the_model_is_told()
    {
        var work = Directory.CreateTempSubdirectory("oi-decline-").FullName;
        var marker = Path.Combine(work, "created.txt");
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("make a file", FakeReply.Execute("python", $"open({System.Text.Json.JsonSerializer.Serialize(marker)}, 'w').write('x')"))
            .Otherwise(FakeReply.Text("Understood, I won't."));
        await using var interpreter = Session.StartIn(work, server);

        await interpreter.WriteLineAsync("make a file");
        await interpreter.WaitForOutputAsync("Would you like to run this code? (y/n/e)");
        await interpreter.WriteLineAsync("n");
        await interpreter.WaitForOutputAsync("Understood, I won't.");
        interpreter.CloseInput();
        await interpreter.WaitForExitAsync();

        Assert.False(File.Exists(marker));
        Assert.Equal("The user declined to run this code.", server.Requests.Last().ToolResults.Single());
    }

    [Fact]
    public async Task Approved_code_runs_after_yes()
    {
        var work = Directory.CreateTempSubdirectory("oi-approve-").FullName;
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("make a file", FakeReply.Execute("shell", "echo hi > created.txt && echo made"))
            .Otherwise(FakeReply.Text("Made it."));
        await using var interpreter = Session.StartIn(work, server);

        await interpreter.WriteLineAsync("make a file");
        await interpreter.WaitForOutputAsync("(y/n/e)");
        await interpreter.WriteLineAsync("y");
        await interpreter.WaitForOutputAsync("Made it.");
        interpreter.CloseInput();
        await interpreter.WaitForExitAsync();

        Assert.Equal("hi\n", File.ReadAllText(Path.Combine(work, "created.txt")));
        Assert.Equal("made", server.Requests.Last().ToolResults.Single().Trim());
    }

    [Fact]
    public async Task Long_output_reaches_the_model_as_head_and_tail_with_the_full_output_in_a_file()
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("count", FakeReply.Execute("python", "for i in range(20000):\n    print(f'line {i}')"))
            .Otherwise(FakeReply.Text("Counted."));
        await using var interpreter = Session.Start(server, "-y", "--max_output", "1000");

        await interpreter.WriteLineAsync("count");
        await interpreter.WaitForOutputAsync("Counted.");
        var result = server.Requests.Last().ToolResults.Single();
        interpreter.CloseInput();
        await interpreter.WaitForExitAsync();

        Assert.StartsWith("line 0\nline 1\n", result);
        Assert.EndsWith("line 19999", result);
        Assert.InRange(result.Length, 1000, 1400);
        var path = System.Text.RegularExpressions.Regex.Match(result, @"is in (\S+\.txt)").Groups[1].Value;
        var full = File.ReadAllText(path);
        Assert.Equal(Enumerable.Range(0, 20000).Sum(i => $"line {i}\n".Length), full.Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public async Task Errors_in_code_go_back_to_the_model()
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("break it", FakeReply.Execute("python", "1/0"))
            .Otherwise(FakeReply.Text("That failed."));
        await using var interpreter = Session.Start(server, "-y");

        await interpreter.WriteLineAsync("break it");
        await interpreter.WaitForOutputAsync("That failed.");
        interpreter.CloseInput();
        await interpreter.WaitForExitAsync();

        Assert.Contains("ZeroDivisionError", server.Requests.Last().ToolResults.Single());
    }

    [Fact]
    public async Task Ctrl_c_interrupts_running_code_and_the_session_stays_usable()
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("spin", FakeReply.Execute("python", "import time\nprint('spinning', flush=True)\nwhile True:\n    time.sleep(0.05)"))
            .WhenLastMessageContains("again", FakeReply.Execute("python", "print('still alive')"))
            .Otherwise(FakeReply.Text("Okay."));
        await using var interpreter = Session.Start(server, "-y");

        await interpreter.WriteLineAsync("spin");
        await interpreter.WaitForOutputAsync("```output\nspinning\n");
        interpreter.Interrupt();
        await interpreter.WaitForErrorAsync("Interrupted.");
        await interpreter.WriteLineAsync("again");
        await interpreter.WaitForOutputAsync("Okay.");
        interpreter.CloseInput();
        Assert.Equal(0, await interpreter.WaitForExitAsync());

        var last = server.Requests.Last();
        Assert.StartsWith("spinning\n", last.ToolResults[0]);
        Assert.EndsWith("KeyboardInterrupt\n[The user interrupted the run.]", last.ToolResults[0]);
        Assert.Contains("still alive", last.ToolResults[1]);
    }

    [Fact]
    public async Task Ctrl_c_at_the_prompt_exits_cleanly()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("Hi."));
        await using var interpreter = Session.Start(server);

        await interpreter.WaitForOutputAsync("> ");
        interpreter.Interrupt();

        Assert.Equal(130, await interpreter.WaitForExitAsync());
    }

    [Fact]
    public async Task A_gigabyte_of_output_finishes_in_bounded_memory_with_a_truncated_result()
    {
        const string gigabyte = "import sys\nline = 'x' * 1023 + '\\n'\nblock = line * 1024\nfor _ in range(1024):\n    sys.stdout.write(block)";
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("warm up", FakeReply.Execute("python", "print('warm')"))
            .WhenLastMessageContains("flood", FakeReply.Execute("python", gigabyte))
            .Otherwise(FakeReply.Text("Done."));
        // The GC sizes its young generation from the L3 cache the CPU reports (260 MiB on this project's machines), and
        // garbage up to that size is not buffering: pinned to a desktop's 4 MiB, the growth left is what we hold.
        await using var interpreter = InterpreterProcess.Start(
            ["--api_base", server.BaseUrl, "--api_key", Session.TestKey, "-y"],
            environment: new Dictionary<string, string> { ["DOTNET_GCgen0size"] = "0x400000" },
            discardStdout: true);

        // A small run first, so the baseline includes the code paths a run needs.
        await interpreter.WriteLineAsync("warm up");
        await WaitForRequestsAsync(server, 2);
        var baseline = interpreter.PeakResidentBytes();

        await interpreter.WriteLineAsync("flood");
        await WaitForRequestsAsync(server, 4, timeoutSeconds: 240);
        var grown = interpreter.PeakResidentBytes() - baseline;
        interpreter.CloseInput();
        Assert.Equal(0, await interpreter.WaitForExitAsync());

        var result = server.Requests[3].ToolResults.Last();
        Assert.Contains("1,073,741,824 characters", result);
        Assert.True(result.Length < 4000, $"the model got {result.Length} characters");
        Assert.True(grown < 64L * 1024 * 1024, $"memory grew by {grown / (1024 * 1024)} MiB");
    }

    private static async Task WaitForRequestsAsync(FakeModelServer server, int count, int timeoutSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (server.Requests.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"only {server.Requests.Count} requests arrived");
            await Task.Delay(50);
        }
    }
}
