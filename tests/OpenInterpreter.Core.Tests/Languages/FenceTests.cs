using System.Text;
using OpenInterpreter.Core.Languages;
using Xunit;

namespace OpenInterpreter.Core.Tests.Languages;

public sealed class FenceTests
{
    private static readonly Fence Sample = Fence.FromText("\u001eFENCE\u001e");

    [Fact]
    public void Every_fence_is_new()
    {
        Assert.NotEqual(Fence.Create().Text, Fence.Create().Text);
    }

    [Theory]
    [InlineData("plain text", 0)]
    [InlineData("text\u001e", 1)]
    [InlineData("text\u001eFEN", 4)]
    [InlineData("text\u001eFENCE", 6)]
    [InlineData("text\u001eFENX", 0)]
    [InlineData("\u001e\u001eF", 2)]
    public void Only_a_tail_that_could_begin_the_fence_is_held_back(string data, int expected)
    {
        Assert.Equal(expected, Sample.PartialMatchLength(Encoding.ASCII.GetBytes(data)));
    }

    [Theory]
    [InlineData("plain text", -1)]
    [InlineData("\u001eFENCE\u001e", 0)]
    [InlineData("ab\u001eFENCE\u001ecd", 2)]
    [InlineData("\u001e\u001eFENCE\u001e", 1)]
    [InlineData("\u001eFENC\u001eFENCE\u001e", 5)]
    [InlineData("\u001eFENCE", -1)]
    [InlineData("x\u001e", -1)]
    public void The_fence_is_found_where_it_starts_past_bytes_that_only_begin_it(string data, int expected)
    {
        Assert.Equal(expected, Sample.IndexIn(Encoding.ASCII.GetBytes(data)));
    }
}
