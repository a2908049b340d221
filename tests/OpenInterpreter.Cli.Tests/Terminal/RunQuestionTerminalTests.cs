using OpenInterpreter.Cli.Tests.EndToEnd;
using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Cli.Tests.Terminal;

/// <summary>The run question in a real terminal (tmux): Ctrl-D, Ctrl-C, wrong answers, editing.</summary>
public sealed class RunQuestionTerminalTests
{
    private const string Question = "Would you like to run this code? (y/n/e)";
    private readonly string _home = Directory.CreateTempSubdirectory("oi-tty-home-").FullName;

    private static string[] Arguments(FakeModelServer server, params string[] extra) =>
        ["--api_base", server.BaseUrl, "--api_key", Session.TestKey, "--model", "gpt-4o", .. extra];

    /// <summary>The program in a terminal, asked to run something, waiting at the run question.</summary>
    private async Task<TerminalSession> AtTheQuestionAsync(FakeModelServer server)
    {
        var terminal = await TerminalSession.StartAsync(_home, Arguments(server));
        try
        {
            await terminal.WaitForAsync(">");
            await terminal.TypeAsync("run something");
            await terminal.PressAsync("Enter");
            await terminal.WaitForAsync(Question);
            return terminal;
        }
        catch
        {
            await terminal.DisposeAsync();
            throw;
        }
    }

    private static FakeModelServer Server() => FakeModelServer.Start()
        .When(r => r.LastMessageText.Contains("declined", StringComparison.Ordinal), FakeReply.Text("Okay, not running it."))
        .When(r => r.LastMessageText.Contains("ran-", StringComparison.Ordinal), FakeReply.Text("It printed that."))
        .WhenLastMessageContains("plain hello", FakeReply.Text("Hello back."))
        .Otherwise(FakeReply.Execute("shell", "echo ran-$((40+2))").Paced());

    [Fact]
    public async Task Ctrl_D_at_the_question_declines_and_the_prompt_goes_on()
    {
        await using var server = Server();
        await using var terminal = await AtTheQuestionAsync(server);
        await terminal.PressAsync("C-d");
        await terminal.WaitForAsync("Not run.");
        await terminal.WaitForAsync("Okay, not running it.");
        await terminal.TypeAsync("plain hello");
        await terminal.PressAsync("Enter");
        await terminal.WaitForAsync("Hello back.");

        var screen = await terminal.ScreenAsync();
        Assert.DoesNotContain("ChannelClosedException", screen);
        Assert.False(await terminal.HasEndedAsync());
    }

    [Fact]
    public async Task A_wrong_answer_says_what_the_answers_are_and_asks_again()
    {
        await using var server = Server();
        await using var terminal = await AtTheQuestionAsync(server);
        await terminal.TypeAsync("sure");
        await terminal.PressAsync("Enter");
        await terminal.WaitForAsync("Answer y to run the code, n not to run it, or e to edit it first.");
        await terminal.WaitForAsync(Question, occurrence: 2);
        await terminal.TypeAsync("n");
        await terminal.PressAsync("Enter");
        await terminal.WaitForAsync("Not run.");
        await terminal.WaitForAsync("Okay, not running it.");
    }

    [Fact]
    public async Task After_Ctrl_C_at_the_question_the_next_input_starts_on_a_line_of_its_own()
    {
        await using var server = Server();
        await using var terminal = await AtTheQuestionAsync(server);
        await terminal.PressAsync("C-c");
        await terminal.WaitForAsync("Interrupted.");
        await terminal.TypeAsync("plain hello");
        await terminal.WaitForAsync("> plain hello");

        var lines = (await terminal.ScreenAsync()).Split('\n');
        Assert.Contains(lines, l => l.StartsWith("> plain hello", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(Question, StringComparison.Ordinal) && l.Contains("plain hello", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Edited_code_is_shown_and_asked_about_before_it_runs()
    {
        // The "editor" rewrites the file, as a user would in vi.
        var editor = Path.Combine(_home, "edit.sh");
        File.WriteAllText(editor, "#!/bin/sh\necho 'echo edited-$((5+5))' > \"$1\"\n");
        File.SetUnixFileMode(editor, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await using var server = FakeModelServer.Start()
            .When(r => r.LastMessageText.Contains("edited-10", StringComparison.Ordinal), FakeReply.Text("The edited code ran."))
            .Otherwise(FakeReply.Execute("shell", "echo original-$((1+1))"));
        await using var terminal = await TerminalSession.StartAsync(_home, null, new Dictionary<string, string> { ["EDITOR"] = editor, ["VISUAL"] = "" }, Arguments(server));
        await terminal.WaitForAsync(">");
        await terminal.TypeAsync("run something");
        await terminal.PressAsync("Enter");
        await terminal.WaitForAsync(Question);
        await terminal.TypeAsync("e");
        await terminal.PressAsync("Enter");
        await terminal.WaitForAsync("echo edited-$((5+5))");
        await terminal.WaitForAsync(Question, occurrence: 2);
        Assert.DoesNotContain("edited-10\n", (await terminal.ScreenAsync()).Replace(" ", "", StringComparison.Ordinal));
        await terminal.TypeAsync("y");
        await terminal.PressAsync("Enter");
        await terminal.WaitForAsync("The edited code ran.");
        Assert.DoesNotContain(server.Requests, r => r.LastMessageText.Contains("original-2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_stdout_in_a_file_the_question_is_asked_on_the_terminal_and_the_answer_goes_to_the_file()
    {
        var output = Path.Combine(_home, "out.txt");
        await using var server = Server();
        await using var terminal = await TerminalSession.StartWithStdoutAsync(_home, output, Arguments(server, "run something"));
        await terminal.WaitForAsync(Question);
        await terminal.TypeAsync("y");
        await terminal.PressAsync("Enter");
        await terminal.WaitForAsync("\n>"); // tmux drops the prompt's trailing space
        await terminal.ExitWithCtrlDAsync();

        var file = File.ReadAllText(output);
        Assert.Contains("It printed that.", file);
        Assert.DoesNotContain("Would you like", file);
        Assert.DoesNotContain("\n> ", "\n" + file);
    }
}
