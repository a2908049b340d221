using OpenInterpreter.Cli.Terminal;
using Spectre.Console;
using Xunit;

namespace OpenInterpreter.Cli.Tests.Terminal;

public sealed class SgrStyleParserTests
{
    [Fact]
    public void Colour_sequences_become_styles_of_the_text_they_apply_to()
    {
        var runs = new SgrStyleParser().Parse("plain \u001b[1;31mred\u001b[0m \u001b[38;5;208morange\u001b[38;2;1;2;3mrgb\u001b[m end");

        Assert.Equal(["plain ", "red", " ", "orange", "rgb", " end"], runs.Select(r => r.Text));
        Assert.Equal(new Style(Color.FromInt32(1), decoration: Decoration.Bold), runs[1].Style);
        Assert.Equal(Style.Plain, runs[2].Style);
        Assert.Equal(Color.FromInt32(208), runs[3].Style.Foreground);
        Assert.Equal(new Color(1, 2, 3), runs[4].Style.Foreground);
        Assert.Equal(Style.Plain, runs[5].Style);
    }

    [Theory]
    [InlineData("a\u001b[2Jb\u001b[Hc\u001b[3;4fd\u001b[Ke\u001b[?25lf", "abcdef")]
    [InlineData("\u001b]0;a title\u0007text", "text")]
    [InlineData("\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\", "link")]
    [InlineData("\u001b(Bsaved\u001b7\u001b8", "saved")]
    [InlineData("bell\u0007back\bspace", "bellbackspace")]
    [InlineData("keep\ttabs\r\nand lines\n", "keep\ttabs\r\nand lines\n")]
    [InlineData("del\u007fete\u0085d", "deleted")]
    public void Cursor_moves_screen_clears_and_other_controls_are_dropped(string output, string expected) =>
        Assert.Equal(expected, string.Concat(new SgrStyleParser().Parse(output).Select(r => r.Text)));

    [Fact]
    public void A_sequence_split_between_reads_still_applies()
    {
        var parser = new SgrStyleParser();
        Assert.Empty(parser.Parse("\u001b[3"));
        var runs = parser.Parse("2mgreen");
        Assert.Equal(Color.FromInt32(2), Assert.Single(runs).Style.Foreground);
    }

    [Fact]
    public void A_colour_holds_on_the_next_line_until_it_is_reset()
    {
        var parser = new SgrStyleParser();
        parser.Parse("\u001b[34mblue\n");
        Assert.Equal(Color.FromInt32(4), Assert.Single(parser.Parse("still blue")).Style.Foreground);
        parser.Parse("\u001b[39m");
        Assert.Equal(Color.Default, Assert.Single(parser.Parse("plain")).Style.Foreground);
    }
}
