using OpenInterpreter.Core.Output;
using Xunit;

namespace OpenInterpreter.Core.Tests.Output;

public sealed class AnsiStripperTests
{
    [Theory]
    [InlineData("\u001b[1;32mok\u001b[0m", "ok")]
    [InlineData("\u001b]0;title\u0007text", "text")]
    [InlineData("\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\", "link")]
    [InlineData("50%\r100%\n", "50%100%\n")]
    [InlineData("plain", "plain")]
    public void Sequences_are_removed(string input, string expected) => Assert.Equal(expected, AnsiStripper.StripAll(input));
}
