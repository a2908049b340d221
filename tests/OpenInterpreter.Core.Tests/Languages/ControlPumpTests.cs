using System.IO.Pipes;
using System.Text;
using System.Threading.Channels;
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

    [Fact]
    public async Task A_cells_first_line_reports_all_pass_then_they_are_paced_and_the_newest_still_arrives()
    {
        var messages = Channel.CreateUnbounded<DriverMessage>();
        using var server = new AnonymousPipeServerStream(PipeDirection.Out);
        using var client = new AnonymousPipeClientStream(PipeDirection.In, server.ClientSafePipeHandle);
        var thread = new ControlPump(client, messages.Writer).Start();
        void Write(string text) => server.Write(Encoding.UTF8.GetBytes(text));

        Write("start\tF\n");
        var first = await ReadUntilAsync(messages.Reader, m => m is CellStarted);
        for (var line = 1; line <= ControlPump.LineBurst; line++)
        {
            // One at a time: a read that brings more than a burst keeps only its last.
            Write($"line\t{line}\n");
            first.AddRange(await ReadUntilAsync(messages.Reader, m => m is LineReached));
        }

        // A loop still traced exactly: each change its own write, far faster than the interval.
        for (var line = ControlPump.LineBurst + 1; line <= 2000; line++)
        {
            Write($"line\t{(line % 2 == 0 ? 7 : 8)}\n");
        }

        Write("line\t9\n");
        var paced = await ReadUntilAsync(messages.Reader, m => m is LineReached { Line: 9 });
        Write("done\tF\tok\t\n" + ControlPump.StopLine + "\n");
        thread.Join();
        messages.Writer.Complete();
        var after = await messages.Reader.ReadAllAsync().ToListAsync();

        var lines = paced.OfType<LineReached>().Select(l => l.Line).ToList();
        Assert.IsType<CellStarted>(first[0]);
        Assert.Equal(Enumerable.Range(1, ControlPump.LineBurst), first.OfType<LineReached>().Select(l => l.Line));
        Assert.True(lines.Count < 1000, $"{lines.Count} of 1937 line reports passed");
        Assert.Equal(9, lines[^1]);
        Assert.IsType<CellDone>(Assert.Single(after));
    }

    private static async Task<List<DriverMessage>> ReadUntilAsync(ChannelReader<DriverMessage> reader, Func<DriverMessage, bool> last)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var read = new List<DriverMessage>();
        await foreach (var message in reader.ReadAllAsync(timeout.Token))
        {
            read.Add(message);
            if (last(message))
            {
                break;
            }
        }

        return read;
    }
}
