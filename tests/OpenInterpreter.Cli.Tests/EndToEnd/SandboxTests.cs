using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Cli.Tests.EndToEnd;

/// <summary>The sandbox through the real CLI, with bubblewrap and (bubblewrap told not to be used) with Landlock.</summary>
public sealed class SandboxTests
{
    private static Dictionary<string, string> Backend(string backend) => new() { ["INTERPRETER_SANDBOX_BACKEND"] = backend };

    /// <summary>
    /// A home outside /tmp, which the sandbox lets code write in: where a real home is. Beside the tests, unless the
    /// checkout itself is under /tmp (a CI clone may be), then in /var/tmp, which the sandbox does not open.
    /// </summary>
    private static string Home()
    {
        var tests = AppContext.BaseDirectory;
        var inTemporary = tests.StartsWith("/tmp/", StringComparison.Ordinal) || tests.StartsWith(Path.GetTempPath(), StringComparison.Ordinal);
        var root = inTemporary ? "/var/tmp/oi-sandbox-homes" : Path.Combine(tests, "sandbox-homes");
        return Directory.CreateDirectory(Path.Combine(root, Guid.NewGuid().ToString("N"))).FullName;
    }

    private static InterpreterProcess Start(FakeModelServer server, string[] extra, string? work = null, string backend = "bubblewrap", string? home = null) =>
        InterpreterProcess.Start(["--api_base", server.BaseUrl, "--api_key", Session.TestKey, "--model", "gpt-4o", .. extra], work, Backend(backend), home ?? Home());

    [Theory]
    [InlineData("bubblewrap", "Read-only file system")]
    [InlineData("landlock", "Permission denied")]
    public async Task In_workspace_write_a_write_in_the_working_folder_succeeds_and_one_in_home_fails_and_is_reported(string backend, string error)
    {
        var work = Directory.CreateTempSubdirectory("oi-sandbox-").FullName;
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("write both", FakeReply.Execute("shell", "echo in > inside.txt; echo out > \"$HOME/outside.txt\""))
            .Otherwise(FakeReply.Text("Written."));
        await using var interpreter = Start(server, ["--stdin", "-y", "--safe_mode", "auto"], work, backend);

        await interpreter.WriteLineAsync("write both");
        interpreter.CloseInput();
        Assert.Equal(0, await interpreter.WaitForExitAsync());

        Assert.Equal("in\n", File.ReadAllText(Path.Combine(work, "inside.txt")));
        Assert.False(File.Exists(Path.Combine(interpreter.Home, "outside.txt")));
        var result = server.Requests.Last().ToolResults.Single();
        Assert.Contains(error, result);
        Assert.Contains("[The sandbox (workspace-write) denied", result);
        Assert.Contains("The user did not allow running it outside the sandbox.", result);
        Assert.Contains("The user did not allow running it outside the sandbox. There is no terminal to ask.", interpreter.Stderr);
        Assert.Contains(backend == "landlock" ? "(Landlock; bubblewrap is not usable here)" : "(bubblewrap)", interpreter.Stdout + interpreter.Stderr);
    }

    [Fact]
    public async Task Json_mode_runs_its_sessions_in_the_sandbox_too()
    {
        var work = Directory.CreateTempSubdirectory("oi-sandbox-").FullName;
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("write both", FakeReply.Execute("shell", "echo in > inside.txt; echo out > \"$HOME/outside.txt\""))
            .Otherwise(FakeReply.Text("Written."));
        await using var interpreter = Start(server, ["--json", "--stdin", "-y", "--sandbox", "workspace-write"], work);

        await interpreter.WriteLineAsync("write both");
        interpreter.CloseInput();
        Assert.Equal(0, await interpreter.WaitForExitAsync());

        Assert.Equal("in\n", File.ReadAllText(Path.Combine(work, "inside.txt")));
        Assert.False(File.Exists(Path.Combine(interpreter.Home, "outside.txt")));
        Assert.Contains("(bubblewrap)", interpreter.Stderr);
        Assert.DoesNotContain("(bubblewrap)", interpreter.Stdout);
    }

    [Theory]
    [InlineData("bubblewrap")]
    [InlineData("landlock")]
    public async Task Without_sandbox_network_code_cannot_connect_to_a_local_server(string backend)
    {
        await using var target = FakeModelServer.Start().Otherwise(FakeReply.Text("unused"));
        var connect = $"import socket\ntry:\n    socket.create_connection(('127.0.0.1', {target.Port}), timeout=5)\n    print('connected')\nexcept OSError as e:\n    print('failed:', e)";
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("please connect", FakeReply.Execute("python", connect))
            .Otherwise(FakeReply.Text("Tried."));
        await using var confined = Start(server, ["--stdin", "-y", "--sandbox", "workspace-write"], backend: backend);
        await confined.WriteLineAsync("please connect");
        confined.CloseInput();
        Assert.Equal(0, await confined.WaitForExitAsync());
        var denied = server.Requests.Last().ToolResults.Single();
        Assert.Contains("failed:", denied);
        Assert.DoesNotContain("connected", denied);

        await using var open = Start(server, ["--stdin", "-y", "--sandbox", "workspace-write", "--sandbox_network"], backend: backend);
        await open.WriteLineAsync("please connect");
        open.CloseInput();
        Assert.Equal(0, await open.WaitForExitAsync());
        Assert.Equal("connected", server.Requests.Last().ToolResults.Single().Trim());
    }

    [Fact]
    public async Task A_denied_run_is_offered_once_outside_the_sandbox_and_runs_there_after_yes()
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("write home", FakeReply.Execute("shell", "echo out > \"$HOME/outside.txt\" && echo wrote"))
            .Otherwise(FakeReply.Text("Done."));
        await using var interpreter = Start(server, ["-y", "--sandbox", "workspace-write"]);

        await interpreter.WriteLineAsync("write home");
        await interpreter.WaitForOutputAsync("Run this code once outside the sandbox? (y/n/a)");
        await interpreter.WriteLineAsync("y");
        await interpreter.WaitForOutputAsync("Done.");
        interpreter.CloseInput();
        await interpreter.WaitForExitAsync();

        Assert.Equal("out\n", File.ReadAllText(Path.Combine(interpreter.Home, "outside.txt")));
        var result = server.Requests.Last().ToolResults.Single();
        Assert.Contains("Read-only file system", result);
        Assert.Contains("[Run again outside the sandbox, with the user's yes:]\nwrote", result);
    }

    [Fact]
    public async Task In_workspace_write_the_working_folders_git_stays_read_only()
    {
        var work = Directory.CreateTempSubdirectory("oi-sandbox-git-").FullName;
        Directory.CreateDirectory(Path.Combine(work, ".git"));
        File.WriteAllText(Path.Combine(work, ".git", "HEAD"), "ref: refs/heads/main\n");
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("rewrite head", FakeReply.Execute("shell", "echo code > work.txt; echo bad > .git/HEAD; touch .git/new"))
            .Otherwise(FakeReply.Text("Tried."));
        await using var interpreter = Start(server, ["--stdin", "-y", "--sandbox", "workspace-write"], work);

        await interpreter.WriteLineAsync("rewrite head");
        interpreter.CloseInput();
        Assert.Equal(0, await interpreter.WaitForExitAsync());

        Assert.Equal("code\n", File.ReadAllText(Path.Combine(work, "work.txt")));
        Assert.Equal("ref: refs/heads/main\n", File.ReadAllText(Path.Combine(work, ".git", "HEAD")));
        Assert.False(File.Exists(Path.Combine(work, ".git", "new")));
        Assert.Contains("Read-only file system", server.Requests.Last().ToolResults.Single());
    }

    [Theory]
    [InlineData("bubblewrap")]
    [InlineData("landlock")]
    public async Task Read_only_gives_the_session_a_cache_folder_of_its_own_and_powershell_starts(string backend)
    {
        // PowerShell creates ~/.cache at start and died on a read-only one (TypeInitializationException, exit 134).
        var withPowerShell = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(folder => File.Exists(Path.Combine(folder, "pwsh")));
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("cache please", FakeReply.Execute("shell", "mkdir -p \"$XDG_CACHE_HOME/tool\" && echo cached > \"$XDG_CACHE_HOME/tool/x\" && cat \"$XDG_CACHE_HOME/tool/x\""))
            .WhenLastMessageContains("powershell please", FakeReply.Execute("powershell", "Write-Output ('ps ' + (6 * 7))"))
            .Otherwise(FakeReply.Text("Tried."));
        await using var interpreter = Start(server, ["-y", "--sandbox", "read-only"], backend: backend);

        await interpreter.WriteLineAsync("cache please");
        await interpreter.WaitForOutputAsync("Tried.");
        Assert.Equal("cached", server.Requests.Last().ToolResults.Last().Trim());
        Assert.False(Directory.Exists(Path.Combine(interpreter.Home, ".cache", "tool")));
        if (withPowerShell)
        {
            await interpreter.WriteLineAsync("powershell please");
            await interpreter.WaitForOutputAsync("Tried.", occurrence: 2);
            Assert.Equal("ps 42", server.Requests.Last().ToolResults.Last().Trim());
        }

        interpreter.CloseInput();
        await interpreter.WaitForExitAsync();
    }

    [Fact]
    public async Task Read_only_lets_nothing_be_written_in_the_working_folder()
    {
        var work = Directory.CreateTempSubdirectory("oi-readonly-").FullName;
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("please try", FakeReply.Execute("python", "open('inside.txt', 'w').write('x')"))
            .Otherwise(FakeReply.Text("Tried."));
        await using var interpreter = Start(server, ["--stdin", "-y", "--sandbox", "read-only"], work);

        await interpreter.WriteLineAsync("please try");
        interpreter.CloseInput();
        Assert.Equal(0, await interpreter.WaitForExitAsync());

        Assert.False(File.Exists(Path.Combine(work, "inside.txt")));
        Assert.Contains("Read-only file system", server.Requests.Last().ToolResults.Single());
    }
}
