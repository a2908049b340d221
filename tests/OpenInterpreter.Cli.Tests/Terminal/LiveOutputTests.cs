using System.Text.RegularExpressions;
using OpenInterpreter.Cli.Terminal;
using OpenInterpreter.Core.Messages;
using Spectre.Console;
using Xunit;

namespace OpenInterpreter.Cli.Tests.Terminal;

public sealed partial class LiveOutputTests
{
    private const int Width = 60;

    [Fact]
    public void The_programs_colours_are_kept_and_every_line_ends_reset_inside_a_straight_border()
    {
        var output = new LiveOutput("");
        output.Add(Output("\u001b[31mred text that is not reset\nand goes on over a second line that is long enough to wrap in the panel\n"));
        var lines = Render(output);

        Assert.Contains(lines, l => Colour().IsMatch(l) && l.Contains("red text", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.True(EndsReset(l), $"a style is left on at the end of: {Visible(l)}"));
        Assert.Single(lines.Select(l => Core.Output.AnsiStripper.StripAll(l).Length).Distinct());
        Assert.All(lines, l => Assert.Matches("^(╭|│|╰)", Visible(l)));
        Assert.All(lines, l => Assert.Matches("(╮|│|╯)$", Visible(l)));
    }

    [Fact]
    public void Cursor_moves_and_screen_clears_from_the_program_do_not_reach_the_screen()
    {
        var output = new LiveOutput("");
        output.Add(Output("before\u001b[2J\u001b[3J\u001b[H\u001b[5Aafter\u001b[?1049h\n"));
        var lines = Render(output);

        Assert.Contains(lines, l => Visible(l).Contains("beforeafter", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => NotAColour().IsMatch(l));
    }

    [Fact]
    public void Standard_error_is_drawn_in_red_and_standard_output_is_not()
    {
        var output = new LiveOutput("");
        output.Add(Output("from-stdout\n", LmcStream.Stdout));
        output.Add(Output("from-stderr\n", LmcStream.Stderr));
        var lines = Render(output);

        Assert.Matches(@"\u001b\[[0-9;]*38;5;1m[^\u001b]*from-stderr", Assert.Single(lines, l => l.Contains("from-stderr", StringComparison.Ordinal)));
        Assert.DoesNotMatch(@"\u001b\[[0-9;]*38;5;1m[^\u001b]*from-stdout", Assert.Single(lines, l => l.Contains("from-stdout", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_failed_run_says_how_it_ended()
    {
        var output = new LiveOutput("");
        output.Add(Output("partial\n"));
        output.Add(End(new RunSummary(RunSummary.Failed, "exit status 2")));
        Assert.Contains(Render(output), l => Visible(l).Contains("✗ exit status 2", StringComparison.Ordinal));
    }

    [Fact]
    public void A_run_that_succeeded_adds_no_line()
    {
        var output = new LiveOutput("");
        output.Add(Output("fine\n"));
        output.Add(End(new RunSummary(RunSummary.Succeeded)));
        Assert.Equal(3, Render(output).Count);
    }

    [Fact]
    public void When_only_the_tail_is_shown_the_file_with_the_whole_output_is_named()
    {
        var output = new LiveOutput("");
        output.Add(Output(string.Concat(Enumerable.Range(0, 1000).Select(i => $"line {i}\n"))));
        output.Add(End(new RunSummary(RunSummary.Succeeded, FullOutputPath: "/tmp/outputs/output-1.txt")));
        var text = string.Join("\n", Render(output).Select(Visible));

        Assert.Contains("600 earlier lines not shown", text);
        Assert.Contains("/tmp/outputs/output-1.txt", text);
    }

    [Fact]
    public void A_carriage_return_overwrites_the_line_in_place()
    {
        var output = new LiveOutput("");
        for (var i = 0; i < 100; i++)
        {
            output.Add(Output($"\r{i}%"));
        }

        var lines = Render(output).Select(Visible).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal("99%", lines[1].Trim('│', ' '));
    }

    [Fact]
    public void A_line_written_a_character_at_a_time_keeps_only_its_bounded_end()
    {
        var output = new LiveOutput("");
        for (var i = 0; i < 30_000; i++)
        {
            output.Add(Output(i == 29_999 ? "Z" : "x"));
        }

        var visible = string.Concat(Render(output).Select(l => Visible(l).Trim('│', ' ', '╭', '╮', '╰', '╯', '─')));
        Assert.EndsWith("xZ", visible);
        Assert.InRange(visible.Count(c => c is 'x' or 'Z'), 9_000, 10_000);
    }

    [Fact]
    public void A_flood_in_one_piece_ends_with_the_same_tail_and_count_as_the_same_lines_one_by_one()
    {
        var lines = Enumerable.Range(0, 1500).Select(i => i % 7 == 0 ? $"\r{i}%\r{i} done\n" : i % 5 == 0 ? $"\u001b[32mline {i}\u001b[0m\n" : $"line {i}\n").ToList();
        var whole = new LiveOutput("");
        whole.Add(Output("open line before, "));
        whole.Add(Output(string.Concat(lines) + "and an open line after"));
        var oneByOne = new LiveOutput("");
        oneByOne.Add(Output("open line before, "));
        foreach (var line in lines)
        {
            oneByOne.Add(Output(line));
        }

        oneByOne.Add(Output("and an open line after"));
        Assert.Equal(Render(oneByOne), Render(whole));
        Assert.Contains("1,101 earlier lines not shown", string.Join("\n", Render(whole).Select(Visible)));
    }

    [Fact]
    public void The_live_view_of_long_lines_ends_with_the_rows_the_whole_tail_ends_with()
    {
        var output = new LiveOutput("");
        for (var i = 0; i < 50; i++)
        {
            output.Add(Output(string.Concat(Enumerable.Range(0, 100).Select(j => (char)('a' + ((i + j) % 26)))) + $" end of {i}\n"));
        }

        const int rows = 7;
        var live = new AnsiLines(ColorSystem.TrueColor).Render(output.RenderLive(Width, rows), Width);
        var tail = Render(output);
        Assert.True(live.Count >= rows, $"the live view has {live.Count} rows for a window of {rows}");
        Assert.True(live.Count < 20, $"the live view laid out {live.Count} rows for a window of {rows}");
        Assert.Equal(tail.TakeLast(rows), live.TakeLast(rows));
    }

    [Fact]
    public void At_the_end_long_lines_are_shown_whole_as_far_as_400_rows_reach_and_the_rest_are_counted()
    {
        var output = new LiveOutput("");
        output.Add(Output(string.Concat(Enumerable.Range(0, 400).Select(i => $"line {i:000} " + new string('x', 191) + "\n"))));
        output.Add(End(new RunSummary(RunSummary.Succeeded, FullOutputPath: "/tmp/outputs/output-2.txt")));
        var text = Render(output).Select(Visible).ToList();

        // 200 characters in 56 columns: 4 rows a line, so the last 100 lines.
        Assert.Contains(text, l => l.Contains("300 earlier lines not shown", StringComparison.Ordinal));
        Assert.DoesNotContain(text, l => l.Contains("line 299 ", StringComparison.Ordinal));
        Assert.Contains(text, l => l.Contains("line 300 ", StringComparison.Ordinal));
        Assert.Contains(text, l => l.Contains("line 399 ", StringComparison.Ordinal));
        Assert.Contains(text, l => l.Contains("/tmp/outputs/output-2.txt", StringComparison.Ordinal));
    }

    private static LmcChunk Output(string text, string stream = LmcStream.Stdout) =>
        new(LmcRole.Computer, LmcType.Console, LmcFormat.Output, text, Stream: stream);

    private static LmcChunk End(RunSummary summary) =>
        new(LmcRole.Computer, LmcType.Console, LmcFormat.Output, End: true, Run: summary);

    private static List<string> Render(LiveOutput output) =>
        [.. output.RenderFinal(Width).SelectMany(r => new AnsiLines(ColorSystem.TrueColor).Render(r, Width))];

    private static string Visible(string line) => Core.Output.AnsiStripper.StripAll(line);

    /// <summary>True when the last style sequence of <paramref name="line"/> (if any) is a reset.</summary>
    private static bool EndsReset(string line)
    {
        var sequences = Sgr().Matches(line);
        return sequences.Count == 0 || sequences[^1].Value is "\u001b[0m" or "\u001b[m";
    }

    [GeneratedRegex(@"\u001b\[[0-9;]*m")]
    private static partial Regex Sgr();

    [GeneratedRegex(@"\u001b\[(38;5;1|31|38;2;128;0;0)m")]
    private static partial Regex Colour();

    // Any escape that is not a colour: a CSI with another final byte or a private mode, or an OSC.
    [GeneratedRegex(@"\u001b(\[[0-9;?]*[^0-9;?m]|\])")]
    private static partial Regex NotAColour();
}
