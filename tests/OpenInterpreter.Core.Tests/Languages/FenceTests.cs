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
}
