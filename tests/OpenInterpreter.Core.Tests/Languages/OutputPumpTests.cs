using System.Text;
using System.Threading.Channels;
using OpenInterpreter.Core.Languages;
using Xunit;

namespace OpenInterpreter.Core.Tests.Languages;

public sealed class OutputPumpTests
{
    private static readonly Fence Sample = Fence.FromText("\u001eFENCE\u001e");

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4096)]
    public void A_fence_cut_by_read_boundaries_is_found_and_removed(int readSize)
    {
        var messages = Pump(Encoding.UTF8.GetBytes("before\u001eFEN!\u001eFENCE\u001eafter é"), readSize);

        Assert.Equal("before\u001eFEN!", TextBefore<FenceReached>(messages));
        Assert.Equal("after é", TextAfter<FenceReached>(messages));
        Assert.IsType<StreamClosed>(messages[^1]);
    }

    [Fact]
    public void A_character_cut_by_a_read_boundary_is_decoded_whole()
    {
        var messages = Pump(Encoding.UTF8.GetBytes("héllo wörld ✓"), readSize: 1);

        Assert.Equal("héllo wörld ✓", TextBefore<StreamClosed>(messages));
    }

    [Fact]
    public void Invalid_bytes_and_a_character_cut_short_by_the_fence_are_replaced()
    {
        byte[] data = [(byte)'a', 0xFF, (byte)'b', 0xE2, 0x9C, .. Sample.Bytes, (byte)'c'];

        var messages = Pump(data, readSize: 2);

        Assert.Equal("a\uFFFDb\uFFFD", TextBefore<FenceReached>(messages));
        Assert.Equal("c", TextAfter<FenceReached>(messages));
    }

    [Fact]
    public void Chunks_are_bounded_whatever_the_size_of_the_output()
    {
        var messages = Pump(Encoding.UTF8.GetBytes(new string('x', 100_000)), readSize: 65536);

        var chunks = messages.OfType<OutputMessage>().Select(m => m.Output.Text.Length).ToArray();
        Assert.Equal(100_000, chunks.Sum());
        Assert.All(chunks, length => Assert.InRange(length, 1, OutputPump.ChunkBytes));
    }

    [Fact]
    public void A_read_larger_than_a_chunk_goes_on_in_bounded_chunks_with_no_character_cut()
    {
        // One read of 300,001 bytes (the pump reads up to 256 KiB at once): its chunks split two-byte characters at
        // odd byte offsets, and the decoder carries each cut character into the next chunk.
        var text = "x" + new string('é', 150_000);
        var messages = Pump(Encoding.UTF8.GetBytes(text), readSize: 300_001);

        var chunks = messages.OfType<OutputMessage>().Select(m => m.Output.Text).ToArray();
        Assert.True(chunks.Length >= 10, $"{chunks.Length} chunks");
        Assert.All(chunks, chunk => Assert.InRange(chunk.Length, 1, OutputPump.ChunkBytes));
        Assert.Equal(text, string.Concat(chunks));
    }

    [Fact]
    public void Output_already_waiting_in_the_pipe_is_read_on_into_one_chunk()
    {
        var data = Encoding.UTF8.GetBytes(new string('x', 10_000) + "\u001eFENCE\u001e" + "tail");

        var messages = Pump(data, readSize: 100, knowsUnread: true);

        Assert.Equal([10_000, 4], messages.OfType<OutputMessage>().Select(m => m.Output.Text.Length));
        Assert.Equal(new string('x', 10_000), TextBefore<FenceReached>(messages));
    }

    [FactOffMacOS]
    public void A_writer_that_trickles_small_writes_into_a_pipe_has_them_passed_on_together_and_in_order()
    {
        // 20,000 writes of a 64-byte line, each a system call, as Python writes unbuffered: read as they come, each
        // would be a chunk (a read, a string, a wake-up of the consumer).
        const int writes = 20_000;
        using var reader = new System.IO.Pipes.AnonymousPipeServerStream(System.IO.Pipes.PipeDirection.In);
        using var writer = new System.IO.Pipes.AnonymousPipeClientStream(System.IO.Pipes.PipeDirection.Out, reader.ClientSafePipeHandle);
        var line = Encoding.ASCII.GetBytes(new string('x', 63) + "\n");
        var writing = new Thread(() =>
        {
            for (var i = 0; i < writes; i++)
            {
                writer.Write(line);
                Thread.SpinWait(100);
            }

            writer.Write(Sample.Bytes);
            writer.Dispose();
        });
        var channel = Channel.CreateUnbounded<DriverMessage>();
        var pump = new OutputPump(reader, OutputStream.Stdout, channel.Writer, new OutputBufferPool());
        pump.Expect(Sample);

        writing.Start();
        pump.Run();
        writing.Join();

        channel.Writer.Complete();
        var messages = new List<DriverMessage>();
        while (channel.Reader.TryRead(out var message))
        {
            messages.Add(message);
        }

        var chunks = messages.TakeWhile(m => m is not FenceReached).OfType<OutputMessage>().Count();
        Assert.Equal(string.Concat(Enumerable.Repeat(Encoding.ASCII.GetString(line), writes)), TextBefore<FenceReached>(messages));
        Assert.True(chunks < writes / 10, $"{chunks} chunks for {writes} writes");
    }

    private static List<DriverMessage> Pump(byte[] data, int readSize, bool knowsUnread = false)
    {
        var channel = Channel.CreateUnbounded<DriverMessage>();
        var source = new TrickleStream(data, readSize);
        var pump = new OutputPump(source, OutputStream.Stdout, channel.Writer, new OutputBufferPool(), knowsUnread ? () => (int)(source.Length - source.Position) : null);
        pump.Expect(Sample);
        pump.Run();
        channel.Writer.Complete();
        var messages = new List<DriverMessage>();
        while (channel.Reader.TryRead(out var message))
        {
            messages.Add(message);
        }

        return messages;
    }

    private static string TextBefore<T>(List<DriverMessage> messages) =>
        string.Concat(messages.TakeWhile(m => m is not T).OfType<OutputMessage>().Select(m => m.Output.Text));

    private static string TextAfter<T>(List<DriverMessage> messages) =>
        string.Concat(messages.SkipWhile(m => m is not T).OfType<OutputMessage>().Select(m => m.Output.Text));

    /// <summary>A stream that hands out at most a few bytes per read, like a pipe written in small pieces.</summary>
    private sealed class TrickleStream(byte[] data, int readSize) : MemoryStream(data)
    {
        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, readSize)]);
    }
}
