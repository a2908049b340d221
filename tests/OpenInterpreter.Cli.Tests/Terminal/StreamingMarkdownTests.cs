using OpenInterpreter.Cli.Terminal;
using OpenInterpreter.Core.Messages;
using Spectre.Console;
using Xunit;

namespace OpenInterpreter.Cli.Tests.Terminal;

public sealed class StreamingMarkdownTests
{
    private const int Width = 80;

    /// <summary>A reply with everything a cut can land inside: fences, tables, lists, quotes, escapes, entities, tabs.</summary>
    private const string Reply = """
        # Plan

        Here is **what** I will do, with `ls -la` and a [link](https://example.com) \*not emphasis\* &amp; more [brackets].

        ## Steps

        1. Look at the folder
        2. Count the files
           - nested item
        3. Report

        > A quote that runs on
        > over two lines.

        | name | size | kind |
        |:-----|-----:|:----:|
        | a.txt | 12 | file |
        | b | 3 | dir |

        ```python
        import os

        for name in os.listdir("."):
        	print(name)
        ```

        ~~~
        plain fence
        ~~~

            indented code

        ---
        Done: ~~nothing~~ *everything*.
        """;

    [Fact]
    public void A_reply_cut_at_every_point_renders_without_error_and_ends_as_the_whole_reply_does()
    {
        var expected = Whole(Reply);
        for (var cut = 0; cut <= Reply.Length; cut++)
        {
            var streamed = Stream(Reply[..cut], Reply[cut..]);
            Assert.True(expected.SequenceEqual(streamed), $"cut at {cut} ({Escape(Reply[Math.Max(0, cut - 10)..cut])}|{Escape(Reply[cut..Math.Min(Reply.Length, cut + 10)])}):\n{string.Join("\n", streamed)}");
        }
    }

    [Fact]
    public void A_reply_in_token_sized_pieces_ends_as_the_whole_reply_does()
    {
        var pieces = new List<string>();
        for (var i = 0; i < Reply.Length; i += 1 + (i % 4))
        {
            pieces.Add(Reply[i..Math.Min(Reply.Length, i + 1 + (i % 4))]);
        }

        Assert.Equal(Whole(Reply), Stream([.. pieces]));
    }

    [Theory]
    [InlineData("Let me run it:\n\n```pyth")]
    [InlineData("```")]
    [InlineData("~~~")]
    [InlineData("Text\n\n    ")]
    [InlineData("| a | b |\n|--")]
    public void A_reply_ending_inside_an_opened_fence_or_table_renders(string text)
    {
        var live = new LiveText();
        live.Add(Chunk(text));
        Assert.NotNull(live.TakeFinished());
        Assert.NotEmpty(Render(live.RenderLive(120, 40)) ?? []);
        Assert.All(live.RenderFinal(120), r => Render(r));
    }

    [Fact]
    public void Tabs_in_code_do_not_break_the_panel_border()
    {
        var lines = Render(CodePanel.Render("a\tb\n\tc", "python", activeLine: null));
        var widths = lines.Select(l => Core.Output.AnsiStripper.StripAll(l).Length).Distinct().ToList();
        Assert.Single(widths);
        Assert.DoesNotContain(lines, l => l.Contains('\t'));
    }

    private static List<string> Stream(params string[] pieces)
    {
        var live = new LiveText();
        var lines = new List<string>();
        foreach (var piece in pieces)
        {
            live.Add(Chunk(piece));
            foreach (var finished in live.TakeFinished())
            {
                lines.AddRange(Render(finished));
            }

            Render(live.RenderLive(120, 40));
        }

        foreach (var final in live.RenderFinal(120))
        {
            lines.AddRange(Render(final));
        }

        return lines;
    }

    private static List<string> Whole(string text) => [.. MarkdownView.Render(text).SelectMany(Render)];

    private static LmcChunk Chunk(string text) => new(LmcRole.Assistant, LmcType.Message, Content: text);

    private static List<string> Render(Spectre.Console.Rendering.IRenderable renderable) =>
        new AnsiLines(ColorSystem.TrueColor).Render(renderable, Width);

    private static string Escape(string text) => text.Replace("\n", "\\n", StringComparison.Ordinal);
}
