using System.Text.RegularExpressions;
using OpenInterpreter.Cli.Tests.EndToEnd;
using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Cli.Tests.Faults;

public sealed partial class SignalTests
{
    private const string StartsAChild = """
        import os, subprocess, time
        child = subprocess.Popen(["sleep", "300"])
        print("pids", os.getpid(), child.pid, flush=True)
        time.sleep(300)
        """;

    [Theory]
    [InlineData(15, 143)]
    [InlineData(1, 129)]
    public async Task A_termination_signal_while_code_runs_ends_every_process_saves_and_exits_128_plus_the_signal(int signal, int exitCode)
    {
        await using var server = JobServer();
        await using var interpreter = Session.Start(server, "-y");

        var (driver, child) = await StartTheJobAsync(interpreter);
        int[] pids = [driver, child];
        Assert.All(pids, pid => Assert.True(ProcessTable.IsRunning(pid)));

        interpreter.Signal(signal);

        Assert.Equal(exitCode, await interpreter.WaitForExitAsync());
        Assert.True(await ProcessTable.WaitUntilGoneAsync(pids, TimeSpan.FromSeconds(10)), "the session's driver or the code's child still runs");
        var saved = Directory.GetFiles(Path.Combine(interpreter.Home, ".config", "open-interpreter", "conversations"), "*.json");
        var conversation = File.ReadAllText(Assert.Single(saved));
        Assert.Contains("start the job", conversation);
        Assert.Contains("subprocess.Popen", conversation);
        Assert.Contains("pids ", conversation);
    }

    [Fact]
    public async Task When_the_program_is_killed_outright_its_session_drivers_and_their_children_die_with_it_and_the_next_one_removes_their_folder()
    {
        await using var server = JobServer();
        await using var interpreter = Session.Start(server, "-y");

        var (driver, child) = await StartTheJobAsync(interpreter);
        var folder = DriverFolder(driver);
        Assert.True(Directory.Exists(folder), folder);

        // SIGKILL: no handler runs, so nothing in the program can end the session; the kernel and the watchdog must.
        interpreter.Signal(9);
        await interpreter.WaitForExitAsync();

        Assert.True(await ProcessTable.WaitUntilGoneAsync([driver], TimeSpan.FromSeconds(10)), "the session's driver still runs after its program was killed");
        // The code's own child is the driver's, not the program's: the driver's parent-death signal does not reach it.
        Assert.True(await ProcessTable.WaitUntilGoneAsync([child], TimeSpan.FromSeconds(10)), "the code's child still runs after its program was killed");
        await using var next = Session.Start(server, "-y");
        await next.WriteLineAsync("say hi");
        await next.WaitForOutputAsync("hi there", timeoutSeconds: 60);
        Assert.False(Directory.Exists(folder), "the next program's first session did not remove the dead one's folder");
    }

    private static FakeModelServer JobServer() => FakeModelServer.Start()
        .WhenLastMessageContains("start the job", FakeReply.Execute("python", StartsAChild))
        .WhenLastMessageContains("say hi", FakeReply.Execute("python", "print('hi' + ' there')"))
        .Otherwise(FakeReply.Text("Done."));

    /// <summary>Asks for <see cref="StartsAChild"/> and returns the pids it printed: its driver's and its child's.</summary>
    private static async Task<(int Driver, int Child)> StartTheJobAsync(InterpreterProcess interpreter)
    {
        await interpreter.WriteLineAsync("start the job");
        await interpreter.WaitForOutputAsync("pids ", timeoutSeconds: 60);
        var match = Pids().Match(interpreter.Stdout);
        return (int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value));
    }

    /// <summary>The session folder of a running driver, from its command line (it runs the driver script there).</summary>
    private static string DriverFolder(int pid)
    {
        var arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
        return Path.GetDirectoryName(arguments.First(a => a.EndsWith("python_driver.py", StringComparison.Ordinal)))!;
    }

    [Fact]
    public async Task A_termination_signal_at_the_prompt_saves_and_exits_143()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("Hello back."));
        await using var interpreter = Session.Start(server);

        await interpreter.WriteLineAsync("hello there friend");
        await interpreter.WaitForOutputAsync("> ", occurrence: 2);
        interpreter.Signal(15);

        Assert.Equal(143, await interpreter.WaitForExitAsync());
        var saved = Directory.GetFiles(Path.Combine(interpreter.Home, ".config", "open-interpreter", "conversations"), "*.json");
        Assert.Contains("Hello back.", File.ReadAllText(Assert.Single(saved)));
    }

    [Fact]
    public async Task Ctrl_c_under_stdin_stops_the_run_and_exits_130()
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("spin", FakeReply.Execute("python", "print('looping', flush=True)\nwhile True:\n    pass"))
            .Otherwise(FakeReply.Text("Stopped."));
        await using var interpreter = Session.Start(server, "--stdin", "-y");

        await interpreter.WriteLineAsync("spin");
        interpreter.CloseInput();
        await interpreter.WaitForOutputAsync("looping", timeoutSeconds: 60);
        interpreter.Interrupt();

        Assert.Equal(130, await interpreter.WaitForExitAsync());
        Assert.Contains("Interrupted.", interpreter.Stderr);
    }

    [GeneratedRegex(@"pids (\d+) (\d+)")]
    private static partial Regex Pids();
}
