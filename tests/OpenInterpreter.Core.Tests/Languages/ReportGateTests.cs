using System.Threading.Channels;
using OpenInterpreter.Core.Languages;
using Xunit;

namespace OpenInterpreter.Core.Tests.Languages;

public sealed class ReportGateTests
{
    private static readonly Fence Current = Fence.FromText("\u001eNOW\u001e");
    private readonly Channel<DriverMessage> _channel = Channel.CreateUnbounded<DriverMessage>();
    private readonly ReportGate _gate;

    public ReportGateTests()
    {
        _gate = new ReportGate(_channel.Writer);
        _gate.Expect(Current);
    }

    [Fact]
    public void Fences_before_done_are_held_and_done_says_which_came_after_the_output_before_them()
    {
        var output = new OutputMessage(new OutputWritten("hi\n", OutputStream.Stdout));
        Assert.True(_gate.TryWrite(new CellStarted(Current.Text)));
        Assert.True(_gate.TryWrite(output));
        Assert.True(_gate.TryWrite(new FenceReached(OutputStream.Stdout)));
        Assert.True(_gate.TryWrite(new FenceReached(OutputStream.Stderr)));
        Assert.True(_gate.TryWrite(new CellDone(Current.Text, CellOutcome.Ok, "")));

        Assert.Equal([output, new CellDone(Current.Text, CellOutcome.Ok, "") { StdoutFenced = true, StderrFenced = true }], Drain());
    }

    [Fact]
    public void A_fence_after_done_passes_at_once()
    {
        _gate.TryWrite(new FenceReached(OutputStream.Stderr));
        _gate.TryWrite(new CellDone(Current.Text, CellOutcome.Error, "boom"));
        _gate.TryWrite(new FenceReached(OutputStream.Stdout));

        Assert.Equal(
            [new CellDone(Current.Text, CellOutcome.Error, "boom") { StderrFenced = true }, new FenceReached(OutputStream.Stdout)],
            Drain());
    }

    [Fact]
    public void The_start_passes_only_once_wanted_and_asking_after_it_came_says_so()
    {
        _gate.TryWrite(new CellStarted(Current.Text));
        Assert.Empty(Drain());
        Assert.True(_gate.WantStart());

        _gate.Expect(Fence.FromText("\u001eNEXT\u001e"));
        Assert.False(_gate.WantStart());
        _gate.TryWrite(new CellStarted("\u001eNEXT\u001e"));
        Assert.Equal([new CellStarted("\u001eNEXT\u001e")], Drain());
    }

    [Fact]
    public void Reports_of_another_cell_and_other_messages_pass_unchanged()
    {
        DriverMessage[] messages = [new DriverReady(), new CellDone("\u001eOLD\u001e", CellOutcome.Ok, ""), new LineReached(3), new StreamClosed(OutputStream.Stdout)];
        foreach (var message in messages)
        {
            Assert.True(_gate.TryWrite(message));
        }

        Assert.Equal(messages, Drain());
    }

    private List<DriverMessage> Drain()
    {
        var read = new List<DriverMessage>();
        while (_channel.Reader.TryRead(out var message))
        {
            read.Add(message);
        }

        return read;
    }
}
