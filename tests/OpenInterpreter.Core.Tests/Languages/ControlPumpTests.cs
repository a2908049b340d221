using OpenInterpreter.Core.Languages;
using Xunit;

namespace OpenInterpreter.Core.Tests.Languages;

public sealed class ControlPumpTests
{
    [Fact]
    public void The_driver_lines_parse_into_messages()
    {
        Assert.IsType<DriverReady>(ControlPump.Parse("ready"));
        Assert.Equal(new LineReached(12), ControlPump.Parse("line\t12"));
        Assert.Equal(new CellDone("F", CellOutcome.Error, "exit status 2"), ControlPump.Parse("done\tF\terror\texit status 2"));
        Assert.Equal(new CellDone("F", CellOutcome.Ok, ""), ControlPump.Parse("done\tF\tok\t"));
        Assert.Equal(new CellDone("F", CellOutcome.Interrupted, ""), ControlPump.Parse("done\tF\tinterrupted"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("line\tx")]
    [InlineData("done\tF\tmaybe\t")]
    [InlineData("hello")]
    public void Unknown_or_malformed_lines_are_ignored(string line)
    {
        Assert.Null(ControlPump.Parse(line));
    }
}
