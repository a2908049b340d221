using System.Text.RegularExpressions;
using OpenInterpreter.Cli.Tests.EndToEnd;
using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Cli.Tests.Terminal;

/// <summary>
/// A run's output in the rich view, in a real terminal (tmux), from real bash and python runs: the program's colours,
/// standard error, a failed run, a progress line, a long output and a wrapped code line, as the user sees them.
/// </summary>
public sealed class OutputPanelTerminalTests
{
    private readonly string _home = Directory.CreateTempSubdirectory("oi-tty-home-").FullName;

    private static string[] Arguments(FakeModelServer server, params string[] extra) =>
        ["--api_base", server.BaseUrl, "--api_key", Session.TestKey, "--model", "gpt-4o", .. extra];

    [Fact]
    public async Task Colours_stay_on_screen_stderr_is_red_a_failed_run_says_so_and_the_screen_is_never_cleared()
    {
        const string code = "printf 'plain \\033[32mgreen-word\\033[0m after\\n'; printf 'before-clear\\033[2J\\033[H\\033[31mleft-red'; echo; echo err-word >&2; (exit 2)";
        await using var server = FakeModelServer.Start()
            .When(r => r.ToolResults.Count > 0, FakeReply.Text("It ran-and-failed."))
            .Otherwise(FakeReply.Execute("shell", code).Paced());
        await using var terminal = await TerminalSession.StartAsync(_home, Arguments(server, "-y"));
        await terminal.WaitForAsync(">");
        await terminal.TypeAsync("colour-request");
        await terminal.PressAsync("Enter");
        await terminal.WaitForAsync("ran-and-failed.", timeoutSeconds: 60);

        var screen = await terminal.ScreenAsync();
        // The output panel's lines only: the code panel above shows the same words, highlighted as code.
        var coloured = string.Join("\n", (await terminal.ColouredScreenAsync()).Split('\n').Where(l => !l.Contains("printf", StringComparison.Ordinal)));
        Assert.Contains("> colour-request", screen); // the program's ESC[2J did not clear the screen
        Assert.Contains("✗ exit status 2", screen);
        Assert.Matches(@"\u001b\[(32|38;5;2)m[^\u001b]*green-word", coloured);
        Assert.Matches(@"\u001b\[(31|38;5;1)m[^\u001b]*err-word", coloured);
        Assert.DoesNotMatch(@"\u001b\[(32|38;5;2)m[^\u001b]* after", coloured);

        // The panel's border is whole on every output line, and the colour left on by the program ends with its line.
        var outputLines = screen.Split('\n').Where(l => !l.Contains("printf", StringComparison.Ordinal)).Where(l => l.Contains("green-word", StringComparison.Ordinal) || l.Contains("err-word", StringComparison.Ordinal) || l.Contains("left-red", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, outputLines.Count);
        Assert.All(outputLines, l => Assert.Matches(@"^│ .*│$", l.TrimEnd()));
        var leftRed = coloured.Split('\n').Single(l => l.Contains("left-red", StringComparison.Ordinal));
        Assert.Matches(@"left-red\u001b\[(0|39)?m", leftRed);

        // The model gets the text without any escape sequence.
        var result = server.Requests[^1].ToolResults.Single();
        Assert.DoesNotContain('\u001b', result);
        Assert.Contains("plain green-word after", result);
        Assert.Contains("exit status 2", result);
    }

    [Fact]
    public async Task A_progress_line_overwrites_in_place_the_model_gets_its_last_state_and_a_wrapped_code_line_is_marked()
    {
        var longLine = $"label = 'a long string literal: {new string('x', 130)} end-of-long-line'";
        var code = $"import time\n{longLine}\nfor i in range(100):\n    print(f\"\\r{{i}}%\", end=\"\", flush=True)\n    time.sleep(0.01)\nprint()\nprint('progress-done')";
        await using var server = FakeModelServer.Start()
            .When(r => r.ToolResults.Count > 0, FakeReply.Text("The progress-reply."))
            .Otherwise(FakeReply.Execute("python", code).Paced());
        await using var terminal = await TerminalSession.StartAsync(_home, Arguments(server, "-y"));
        await terminal.WaitForAsync(">");
        await terminal.TypeAsync("progress");
        await terminal.PressAsync("Enter");
        await terminal.WaitForAsync("progress-reply.", timeoutSeconds: 60);

        Assert.Equal("99%\nprogress-done", server.Requests[^1].ToolResults.Single());
        var lines = (await terminal.ScreenAsync()).Split('\n');
        Assert.Single(lines, l => Regex.IsMatch(l, @"^│ 99% +│$"));
        Assert.DoesNotContain(lines, l => l.Contains("98%", StringComparison.Ordinal));

        // The long line of code goes on in a row of its own, marked, inside the code panel.
        var start = Array.FindIndex(lines, l => l.Contains("label = 'a long string literal", StringComparison.Ordinal));
        Assert.True(start >= 0);
        Assert.StartsWith("│ ↪ ", lines[start + 1]);
        Assert.Contains("end-of-long-line", lines[start + 1]);
    }

    [Fact]
    public async Task A_long_output_shows_its_tail_and_names_the_file_holding_all_of_it()
    {
        await using var server = FakeModelServer.Start()
            .When(r => r.ToolResults.Count > 0, FakeReply.Text("The long-output-reply."))
            .Otherwise(FakeReply.Execute("python", "for i in range(3000): print(f'row {i}')").Paced());
        await using var terminal = await TerminalSession.StartAsync(_home, Arguments(server, "-y"));
        await terminal.WaitForAsync(">");
        await terminal.TypeAsync("long");
        await terminal.PressAsync("Enter");
        await terminal.WaitForAsync("long-output-reply.", timeoutSeconds: 60);

        var screen = await terminal.ScreenAsync();
        var match = Regex.Match(screen, @"The whole output is in (\S+\.txt)");
        Assert.True(match.Success, screen);
        Assert.Contains("row 2999", screen);
        Assert.EndsWith("row 2999\n", File.ReadAllText(match.Groups[1].Value));
    }
}
