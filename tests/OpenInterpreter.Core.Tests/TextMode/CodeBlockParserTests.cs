using OpenInterpreter.Core.TextMode;
using OpenInterpreter.Core.Tools;
using Xunit;

namespace OpenInterpreter.Core.Tests.TextMode;

public sealed class CodeBlockParserTests
{
    [Fact]
    public void Prose_streams_at_once_and_a_block_split_across_pieces_is_found()
    {
        var parser = new CodeBlockParser();
        var segments = new List<TextSegment>();
        foreach (var piece in new[] { "Let me ", "look.\n`", "``sh\nls -", "la\necho hi\n`", "``\nafter" })
        {
            segments.AddRange(parser.Read(piece));
        }

        Assert.Equal("Let me look.\n", string.Concat(segments.OfType<ProseText>().Select(p => p.Text)));
        Assert.Equal("sh", Assert.Single(segments.OfType<CodeOpened>()).Language);
        Assert.Equal("ls -la\necho hi", string.Concat(segments.OfType<CodeText>().Select(c => c.Text)));
        Assert.Equal(new CodeRequest("sh", "ls -la\necho hi"), parser.Block);
        Assert.IsType<CodeClosed>(segments[^1]);
    }

    [Fact]
    public void Inline_backticks_at_the_start_of_a_line_are_prose()
    {
        var parser = new CodeBlockParser();
        var segments = parser.Read("`x` is a variable\n").Concat(parser.Finish()).ToList();
        Assert.Equal("`x` is a variable\n", string.Concat(segments.OfType<ProseText>().Select(p => p.Text)));
        Assert.Null(parser.Block);
    }

    [Fact]
    public void A_block_without_a_language_is_python_and_an_unclosed_block_closes_at_the_end()
    {
        var parser = new CodeBlockParser();
        var segments = parser.Read("```\nprint(1)").Concat(parser.Finish()).ToList();
        Assert.Equal("python", Assert.Single(segments.OfType<CodeOpened>()).Language);
        Assert.Equal(new CodeRequest("python", "print(1)"), parser.Block);
    }

    [Theory]
    [InlineData("functions.execute({\"language\": \"python\", \"code\": \"print(1)\"}) and more", "python", "print(1)")]
    [InlineData("Run: {\"language\": \"shell\", \"code\": \"ls\"}", "shell", "ls")]
    public void A_call_written_in_text_is_found(string text, string language, string code) =>
        Assert.Equal(new CodeRequest(language, code), WrittenCall.Find(text));

    [Fact]
    public void Text_without_a_call_has_none() =>
        Assert.Null(WrittenCall.Find("The code {is} done; \"code\" was fine."));
}
