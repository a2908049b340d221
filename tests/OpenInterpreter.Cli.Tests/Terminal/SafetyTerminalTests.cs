using OpenInterpreter.Cli.Tests.EndToEnd;
using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Cli.Tests.Terminal;

/// <summary>The danger check at a real terminal (tmux): under -y a high finding is asked about, not run unasked.</summary>
public sealed class SafetyTerminalTests
{
    private readonly string _home = Directory.CreateTempSubdirectory("oi-tty-home-").FullName;

    [Fact]
    public async Task Under_auto_run_at_a_terminal_code_with_a_high_finding_is_asked_about_and_a_no_keeps_the_folder()
    {
        var keep = Directory.CreateDirectory(Path.Combine(_home, "keep")).FullName;
        File.WriteAllText(Path.Combine(keep, "precious.txt"), "x");
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("clean up", FakeReply.Execute("shell", "echo ran-$((40+2)); rm -rf ~/keep"))
            .When(r => r.ToolResults.Count > 0, FakeReply.Text("Left it alone."))
            .Otherwise(FakeReply.Execute("shell", "echo harmless"));
        await using var terminal = await TerminalSession.StartAsync(
            _home, "--api_base", server.BaseUrl, "--api_key", Session.TestKey, "--model", "gpt-4o", "-y");
        await terminal.WaitForAsync(">");

        await terminal.TypeAsync("clean up");
        await terminal.PressAsync("Enter");
        await terminal.WaitForAsync("! high: deletes ~/keep, outside the working folder");
        await terminal.WaitForAsync("Would you like to run this code?");
        Assert.DoesNotContain("ran-42", await terminal.ScreenAsync());
        await terminal.TypeAsync("n");
        await terminal.PressAsync("Enter");
        await terminal.WaitForAsync("Left it alone.");

        Assert.True(File.Exists(Path.Combine(keep, "precious.txt")));
        Assert.DoesNotContain("ran-42", string.Concat(server.Requests.Last().ToolResults));
    }
}
