using OpenInterpreter.Core;
using OpenInterpreter.Core.Models;
using OpenInterpreter.Core.Safety;
using Xunit;

namespace OpenInterpreter.Core.Tests.Safety;

public sealed class SpendingMeterTests
{
    private static readonly ModelPrice Price = new("m", InputPerMillion: 2m, OutputPerMillion: 10m, ContextWindow: 1000);

    [Fact]
    public void Usage_is_priced_by_the_table_and_a_request_past_the_cap_is_refused()
    {
        var meter = new SpendingMeter(Price, cap: 0.01);
        meter.Record(1000, 500, reported: true);
        Assert.Equal(0.007m, meter.Spent);
        meter.EnsureRoom(1000);
        var stop = Assert.Throws<InterpreterException>(() => meter.EnsureRoom(2000));
        Assert.Contains("spent $0.0070 of its $0.0100 budget", stop.Message);
        Assert.Equal("Spent $0.0070 of $0.0100.", meter.Summary);
        Assert.Equal("$0.0070 of $0.0100 budget", meter.Budget);
    }

    [Fact]
    public void Estimated_spend_says_so_and_no_cap_never_stops()
    {
        var meter = new SpendingMeter(Price, cap: null);
        meter.Record(1_000_000, 0, reported: false);
        meter.EnsureRoom(10_000_000);
        Assert.Equal("Spent $2.00 (partly estimated from our own token counts).", meter.Summary);
        Assert.Null(meter.Budget);
    }

    [Fact]
    public void A_cap_without_a_price_says_in_the_status_line_that_it_is_not_enforced()
    {
        var meter = new SpendingMeter(price: null, cap: 0.5);
        meter.Record(1000, 1000, reported: true);
        Assert.Equal("$0.5000 budget not enforced (no price known)", meter.Budget);
    }
}
