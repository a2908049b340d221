using OpenInterpreter.Core.Output;
using Xunit;

namespace OpenInterpreter.Core.Tests.Output;

public sealed class OverwrittenLineFilterTests
{
    [Theory]
    [InlineData("\r0%\r1%\r2%", "2%")]
    [InlineData("downloading 10%\rdownloading 100%\ndone\n", "downloading 100%\ndone\n")]
    [InlineData("a\r\nb\r\n", "a\nb\n")]
    [InlineData("kept\r", "kept")]
    [InlineData("one\ntwo\rTWO\nthree", "one\nTWO\nthree")]
    public void A_line_rewritten_in_place_keeps_its_final_state(string output, string expected) =>
        Assert.Equal(expected, FilterWhole(output));

    [Fact]
    public void The_same_holds_whatever_the_pieces()
    {
        const string output = "step 1\r\nbar 10%\rbar 50%\rbar 99%\r\n\rlast 1\rlast 2";
        var expected = FilterWhole(output);
        for (var cut = 0; cut <= output.Length; cut++)
        {
            var filter = new OverwrittenLineFilter();
            var text = filter.Filter(output[..cut]) + filter.Filter(output[cut..]) + filter.Flush();
            Assert.Equal(expected, text);
        }

        Assert.Equal("step 1\nbar 99%\nlast 2", expected);
    }

    [Fact]
    public void A_line_without_an_end_is_held_back_only_up_to_a_bound()
    {
        var filter = new OverwrittenLineFilter();
        var passed = filter.Filter(new string('x', OverwrittenLineFilter.MaxOpenLine + 10));
        Assert.Equal(OverwrittenLineFilter.MaxOpenLine, passed.Length);
        Assert.Equal(10, filter.Flush().Length);
    }

    private static string FilterWhole(string output)
    {
        var filter = new OverwrittenLineFilter();
        return filter.Filter(output) + filter.Flush();
    }
}
