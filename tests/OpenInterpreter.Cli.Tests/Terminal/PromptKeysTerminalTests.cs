using OpenInterpreter.Cli.Tests.EndToEnd;
using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Cli.Tests.Terminal;

/// <summary>What a user sees and presses at the prompt of a real terminal (tmux): banner, spinner, status line, keys.</summary>
public sealed class PromptKeysTerminalTests
{
    private readonly string _home = Directory.CreateTempSubdirectory("oi-tty-home-").FullName;

    private static string[] Arguments(FakeModelServer server, params string[] extra) =>
        ["--api_base", server.BaseUrl, "--api_key", Session.TestKey, "--model", "gpt-4o", .. extra];

    [Fact]
    public async Task The_banner_names_the_model_and_the_keys_and_y_warns()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("Okay."));
        await using (var asking = await TerminalSession.StartAsync(_home, Arguments(server)))
        {
            await asking.WaitForAsync("%help lists the commands");
            var screen = await asking.ScreenAsync();
            Assert.Contains($"gpt-4o at {server.BaseUrl}", screen);
            Assert.Contains("Code runs only after you answer y", screen);
            Assert.Contains("Ctrl-C stops a reply or a run", screen);
        }

        await using var auto = await TerminalSession.StartAsync(_home, Arguments(server, "-y"));
        await auto.WaitForAsync("-y: code runs without asking.");
    }

    [Fact]
    public async Task A_spinner_counts_while_the_model_has_not_answered_and_a_status_line_follows_the_turn()
    {
        await using var server = FakeModelServer.Start()
            .Otherwise(FakeReply.Text("A late answer.").Paced(Pacing.Model with { FirstToken = TimeSpan.FromSeconds(3) }));
        await using var terminal = await TerminalSession.StartAsync(_home, Arguments(server));
        await terminal.WaitForAsync(">");
        await terminal.TypeAsync("hello");
        await terminal.PressAsync("Enter");
        await terminal.WaitForAsync("waiting for gpt-4o… 1 s · Ctrl-C to stop");
        await terminal.WaitForAsync("A late answer.");
        await terminal.WaitForAsync("gpt-4o · turn ");

        var screen = await terminal.ScreenAsync();
        Assert.DoesNotContain("waiting for gpt-4o", screen);
        Assert.Matches(@"gpt-4o · turn [\d,]+ in, \d+ out · session [\d,]+ in, \d+ out · \$\d+\.\d{4} turn", screen);
    }

    [Fact]
    public async Task Under_max_budget_the_status_line_shows_the_spend_against_the_budget()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("Okay."));
        await using var terminal = await TerminalSession.StartAsync(_home, Arguments(server, "--max_budget", "0.5"));
        await terminal.WaitForAsync(">");
        await terminal.TypeAsync("hello");
        await terminal.PressAsync("Enter");
        await terminal.WaitForAsync("gpt-4o · turn ");

        var screen = await terminal.ScreenAsync();
        Assert.Matches(@"gpt-4o · turn [\d,]+ in, \d+ out · session [\d,]+ in, \d+ out · \$\d+\.\d{4} turn · \$0\.0\d{3}( \(estimated\))? of \$0\.5000 budget", screen);
        Assert.DoesNotContain("Spent $", screen);
    }

    [Fact]
    public async Task Ctrl_C_at_the_prompt_clears_the_line_then_asks_for_a_second_press_to_exit()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("Okay."));
        await using var terminal = await TerminalSession.StartAsync(_home, Arguments(server));
        await terminal.WaitForAsync(">");
        await terminal.TypeAsync("half typed");
        await terminal.WaitForAsync("> half typed");
        await terminal.PressAsync("C-c");
        await terminal.WaitForGoneAsync("half typed");
        Assert.False(await terminal.HasEndedAsync());

        await terminal.PressAsync("C-c");
        await terminal.WaitForAsync("(press Ctrl-C again or Ctrl-D to exit)");
        Assert.False(await terminal.HasEndedAsync());
        await terminal.PressAsync("C-c");
        await terminal.WaitForExitAsync();
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Text_typed_while_a_reply_streams_is_kept_for_the_next_prompt()
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("first", FakeReply.Text(string.Concat(Enumerable.Repeat("slow words ", 40)) + "end-of-first").Paced())
            .Otherwise(FakeReply.Text("Second answer."));
        await using var terminal = await TerminalSession.StartAsync(_home, Arguments(server));
        await terminal.WaitForAsync(">");
        await terminal.TypeAsync("first");
        await terminal.PressAsync("Enter");
        await terminal.WaitForAsync("slow words");
        await terminal.TypeAsync("typed ahead");
        await terminal.WaitForAsync("end-of-first");
        await terminal.WaitForAsync("> typed ahead");
        await terminal.PressAsync("Enter");
        await terminal.WaitForAsync("Second answer.");

        Assert.Equal("typed ahead", server.Requests.Last().LastMessageText);
    }

    [Fact]
    public async Task Ctrl_L_clears_the_screen_and_keeps_the_line()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("Visible-answer."));
        await using var terminal = await TerminalSession.StartAsync(_home, Arguments(server));
        await terminal.WaitForAsync(">");
        await terminal.TypeAsync("hello");
        await terminal.PressAsync("Enter");
        await terminal.WaitForAsync("Visible-answer.");
        await terminal.TypeAsync("kept");
        await terminal.PressAsync("C-l");
        await terminal.WaitForGoneAsync("Visible-answer.", visibleOnly: true);
        var screen = await terminal.VisibleScreenAsync();
        Assert.StartsWith("> kept", screen.TrimStart('\n'));
        await terminal.PressAsync("Enter");
        for (var i = 0; i < 600 && server.Requests.Count < 2; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal("kept", server.Requests.Last().LastMessageText);
    }

    [Fact]
    public async Task A_multi_line_message_has_a_continuation_prompt_and_comes_back_whole_with_up()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("Got both lines."));
        await using var terminal = await TerminalSession.StartAsync(_home, Arguments(server));
        await terminal.WaitForAsync(">");
        await terminal.TypeAsync("\"\"\"");
        await terminal.PressAsync("Enter");
        await terminal.WaitForAsync("…");
        await terminal.TypeAsync("line one");
        await terminal.PressAsync("Enter");
        await terminal.TypeAsync("line two");
        await terminal.PressAsync("Enter");
        await terminal.TypeAsync("\"\"\"");
        await terminal.PressAsync("Enter");
        await terminal.WaitForAsync("Got both lines.");
        Assert.Equal("line one\nline two", server.Requests.Last().LastMessageText);

        await terminal.WaitForAsync(">", occurrence: 2);
        await terminal.PressAsync("Up");
        await terminal.WaitForAsync("> line one⏎line two");
        await terminal.PressAsync("Enter");
        await terminal.WaitForAsync("Got both lines.", occurrence: 2);
        Assert.Equal("line one\nline two", server.Requests.Last().LastMessageText);
    }

    [Fact]
    public async Task The_cursor_is_visible_after_SIGTERM_during_live_output()
    {
        await using var server = FakeModelServer.Start()
            .Otherwise(FakeReply.Execute("shell", "for i in $(seq 1 100); do echo tick-$i; sleep 0.2; done"));
        await using var terminal = await TerminalSession.StartAsync(_home, Arguments(server, "-y"));
        await terminal.WaitForAsync(">");
        await terminal.TypeAsync("tick");
        await terminal.PressAsync("Enter");
        await terminal.WaitForAsync("tick-3");
        Libc.Kill(await terminal.ProcessIdAsync(), 15);
        await terminal.WaitForExitAsync();
        Assert.True(terminal.CursorLeftVisible());
        Assert.Contains("tick-3", terminal.RawOutput());
    }

    [Fact]
    public async Task Ctrl_C_in_the_conversation_list_exits_with_the_cursor_visible_and_Esc_starts_anew()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("Okay."));
        await using (var earlier = InterpreterProcess.Start(Arguments(server, "--stdin"), home: _home))
        {
            await earlier.WriteLineAsync("an earlier chat");
            earlier.CloseInput();
            Assert.Equal(0, await earlier.WaitForExitAsync());
        }

        await using (var interrupted = await TerminalSession.StartRecordingExitAsync(_home, Arguments(server, "--conversations")))
        {
            await interrupted.WaitForAsync("an earlier chat · 2 messages · just now");
            await interrupted.PressAsync("C-c");
            Assert.Equal("130", await interrupted.ExitStatusAsync());
            await interrupted.WaitForExitAsync();
            Assert.True(interrupted.CursorLeftVisible());
            Assert.Contains("Which conversation", interrupted.RawOutput());
        }

        await using var left = await TerminalSession.StartAsync(_home, Arguments(server, "--conversations"));
        await left.WaitForAsync("an earlier chat · 2 messages");
        await left.PressAsync("Escape");
        await left.WaitForAsync("%help lists the commands");
        await left.TypeAsync("fresh start");
        await left.PressAsync("Enter");
        await left.WaitForAsync("Okay.");
        Assert.Equal(2, server.Requests.Last().Messages.Count);
    }

    [Fact]
    public async Task Continue_says_which_conversation_it_continues()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("Okay."));
        await using (var earlier = InterpreterProcess.Start(Arguments(server, "--stdin"), home: _home))
        {
            await earlier.WriteLineAsync("the chat to continue");
            earlier.CloseInput();
            Assert.Equal(0, await earlier.WaitForExitAsync());
        }

        await using var terminal = await TerminalSession.StartAsync(_home, Arguments(server, "-c"));
        await terminal.WaitForAsync("Continuing the chat to continue (");
        await terminal.WaitForAsync("2 messages).");
    }

    private static class Libc
    {
        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
        public static extern int Kill(int pid, int signal);
    }
}
