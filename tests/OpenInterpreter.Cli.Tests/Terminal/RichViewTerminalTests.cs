using OpenInterpreter.Cli.Tests.EndToEnd;
using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Cli.Tests.Terminal;

/// <summary>The rich view in a real terminal (tmux) against a model that streams at a model's speed.</summary>
public sealed class RichViewTerminalTests
{
    private readonly string _home = Directory.CreateTempSubdirectory("oi-tty-home-").FullName;

    private static string[] Arguments(FakeModelServer server, params string[] extra) =>
        ["--api_base", server.BaseUrl, "--api_key", Session.TestKey, "--model", "gpt-4o", .. extra];

    [Fact]
    public async Task A_streamed_reply_with_a_fenced_block_is_shown_whole_and_the_turn_goes_on()
    {
        const string reply = "Here is an example:\n\n```python\nprint('example block')\n```\n\nThat was the whole-reply-end.";
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text(reply).Paced());
        await using var terminal = await TerminalSession.StartAsync(_home, Arguments(server));
        await terminal.WaitForAsync(">");
        await terminal.TypeAsync("show me");
        await terminal.PressAsync("Enter");
        await terminal.WaitForAsync("whole-reply-end.");
        await terminal.WaitForAsync(">", occurrence: 2);

        var screen = await terminal.ScreenAsync();
        Assert.DoesNotContain("Unexpected error", screen);
        Assert.Contains("print('example block')", screen);
        Assert.Contains("Here is an example:", screen);
    }

    [Fact]
    public async Task Output_is_on_screen_while_the_code_still_runs()
    {
        await using var server = FakeModelServer.Start()
            .When(r => r.Messages.Count > 0 && r.LastMessageText.Contains("before-5", StringComparison.Ordinal), FakeReply.Text("It ran."))
            .Otherwise(FakeReply.Execute("shell", "echo before-$((2+3)); sleep 6; echo after-$((3+4))").Paced());
        await using var terminal = await TerminalSession.StartAsync(_home, Arguments(server, "-y"));
        await terminal.WaitForAsync(">");
        await terminal.TypeAsync("run it");
        await terminal.PressAsync("Enter");
        await terminal.WaitForAsync("before-5", timeoutSeconds: 60);

        // The run sleeps 6 s after its first line: that line must be on screen before the run ends.
        Assert.DoesNotContain("after-7", await terminal.ScreenAsync());
        await terminal.WaitForAsync("running…");
        await terminal.WaitForAsync("It ran.", timeoutSeconds: 60);
        Assert.Contains("after-7", await terminal.ScreenAsync());
    }

    [Fact]
    public async Task Narrowing_the_window_while_a_reply_streams_keeps_the_earlier_turn()
    {
        var longReply = string.Join("\n\n", Enumerable.Range(1, 12).Select(i => $"Paragraph {i} of a long answer that goes on for a while so that it wraps."));
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("first", FakeReply.Text("The earlier-turn-marker answer."))
            .Otherwise(FakeReply.Text(longReply + "\n\nlong-reply-done").Paced(Pacing.Slow with { PerChunk = TimeSpan.FromMilliseconds(20) }));
        await using var terminal = await TerminalSession.StartAsync(_home, Arguments(server));
        await terminal.WaitForAsync(">");
        await terminal.TypeAsync("first");
        await terminal.PressAsync("Enter");
        await terminal.WaitForAsync("earlier-turn-marker");
        await terminal.WaitForAsync(">", occurrence: 2);
        await terminal.TypeAsync("second");
        await terminal.PressAsync("Enter");
        await terminal.WaitForAsync("Paragraph 2");
        await terminal.ResizeAsync(70);
        await Task.Delay(300);
        await terminal.ResizeAsync(50);
        await terminal.WaitForAsync("long-reply-done", timeoutSeconds: 60);

        var history = await terminal.HistoryAsync();
        Assert.Contains("earlier-turn-marker", history);
        Assert.Contains("> first", history);
    }
}
