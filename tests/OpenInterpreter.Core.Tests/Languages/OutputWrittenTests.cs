using OpenInterpreter.Core.Languages;
using Xunit;

namespace OpenInterpreter.Core.Tests.Languages;

public sealed class OutputWrittenTests : IAsyncLifetime
{
    private readonly PythonSession _session = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public void Lent_text_read_before_the_release_stays_the_consumers_and_a_copy_owns_its_text()
    {
        var pool = new OutputBufferPool();
        var read = Lent(pool, "first");
        _ = read.Text;
        var copied = Lent(pool, "second");
        var copy = copied with { };

        read.Release();
        copied.Release();
        _ = Lent(pool, "third");
        _ = Lent(pool, "fourth");

        Assert.Equal("first", read.Text);
        Assert.Equal("first", read.Chars.ToString());
        Assert.Equal(5, read.Length);
        Assert.Equal("second", copy.Text);
        Assert.Equal(new OutputWritten("first", OutputStream.Stdout), read);
        Assert.NotEqual(new OutputWritten("first", OutputStream.Stderr), read);
    }

    [Fact]
    public void Lent_text_first_read_after_the_release_throws_instead_of_showing_a_later_chunk()
    {
        var pool = new OutputBufferPool();
        var unread = Lent(pool, "first");

        unread.Release();
        var later = Lent(pool, "later");

        Assert.Throws<InvalidOperationException>(() => unread.Text);
        Assert.Throws<InvalidOperationException>(() => unread.Length);
        Assert.Contains("(released)", unread.ToString(), StringComparison.Ordinal);
        Assert.Equal("later", later.Text);
    }

    [Fact]
    public void The_pool_lends_the_buffer_given_back_last_and_keeps_only_a_few()
    {
        var pool = new OutputBufferPool();
        var buffers = Enumerable.Range(0, 10).Select(_ => pool.Rent()).ToList();
        buffers.ForEach(buffer => buffer.Return());

        var again = Enumerable.Range(0, 10).Select(_ => pool.Rent()).ToList();

        Assert.Same(buffers[OutputBufferPool.Kept - 1], again[0]);
        Assert.Equal(OutputBufferPool.Kept, again.Count(buffers.Contains));
        Assert.All(again, buffer => Assert.Equal(0, buffer.Length));
    }

    [Fact]
    public async Task Output_kept_past_the_next_event_unread_is_refused_not_replaced_by_later_output()
    {
        var kept = await KeepAsync(read: _ => { });

        Assert.Equal(4, kept.Count);
        // The first chunk comes as a string, until the consumer has shown it does not ask for one.
        Assert.Equal("chunk 0\n", kept[0].Text);
        Assert.All(kept.Skip(1), output => Assert.Throws<InvalidOperationException>(() => output.Text));
    }

    [Fact]
    public async Task A_consumer_that_reads_text_gets_strings_it_may_keep_past_the_next_event()
    {
        var kept = await KeepAsync(read: output => _ = output.Text);

        Assert.Equal(["chunk 0\n", "chunk 1\n", "chunk 2\n", "chunk 3\n"], kept.Select(output => output.Text));
        Assert.All(kept, output => Assert.False(output.IsLent));
    }

    [Fact]
    public async Task A_consumer_that_reads_chars_gets_lent_chunks_after_the_first()
    {
        var lent = new List<bool>();
        var text = new System.Text.StringBuilder();
        await KeepAsync(read: output =>
        {
            lent.Add(output.IsLent);
            text.Append(output.Chars);
        });

        Assert.Equal("chunk 0\nchunk 1\nchunk 2\nchunk 3\n", text.ToString());
        Assert.Equal([false, true, true, true], lent);
    }

    [Fact]
    public async Task A_flood_read_through_its_chars_arrives_whole_and_in_order_through_the_reused_buffers()
    {
        var lines = new NumberedLines();
        var chunks = 0;
        await foreach (var execution in _session.RunAsync("import sys\nfor i in range(300_000):\n    sys.stdout.write(f'{i}\\n')\nprint('end 300000')"))
        {
            if (execution is OutputWritten output)
            {
                lines.Add(output.Chars);
                chunks++;
            }
        }

        Assert.Null(lines.FirstError);
        Assert.True(lines.Ended, $"no end line after {lines.Count} lines");
        Assert.True(chunks > OutputBufferPool.Kept, $"{chunks} chunks: too few to have reused the pool's buffers");
    }

    [Fact]
    public async Task Output_waiting_behind_a_slow_consumer_is_joined_whole_and_in_order_in_bounded_chunks()
    {
        // 200 writes 2 ms apart: each is read as its own chunk, and the consumer, asleep after the first, finds dozens
        // of them waiting, which the run joins into its buffers. The first loop uses up the lines the driver traces
        // exactly, so the loop that writes sends few reports of its lines between the chunks.
        var lines = new NumberedLines();
        var sizes = new List<int>();
        await foreach (var execution in _session.RunAsync("import sys, time\nfor _ in range(1000):\n    pass\nfor i in range(200):\n    sys.stdout.write(f'{i}\\n')\n    sys.stdout.flush()\n    time.sleep(0.002)\nprint('end 200')"))
        {
            if (execution is OutputWritten output)
            {
                lines.Add(output.Chars);
                sizes.Add(output.Length);
                if (sizes.Count == 1)
                {
                    // Not Thread.Sleep: the consumer may be running on the reader's thread, which would stop reading.
                    await Task.Delay(300);
                }
            }
        }

        Assert.Null(lines.FirstError);
        Assert.True(lines.Ended, $"no end line after {lines.Count} lines");
        Assert.All(sizes, size => Assert.InRange(size, 1, OutputPump.ChunkBytes));
    }

    /// <summary>Runs code that prints four lines 50 ms apart, handing each chunk to <paramref name="read"/> and keeping
    /// it past the next event.</summary>
    private async Task<List<OutputWritten>> KeepAsync(Action<OutputWritten> read)
    {
        var kept = new List<OutputWritten>();
        await foreach (var execution in _session.RunAsync("import sys, time\nfor i in range(4):\n    sys.stdout.write(f'chunk {i}\\n')\n    sys.stdout.flush()\n    time.sleep(0.05)"))
        {
            if (execution is OutputWritten output)
            {
                read(output);
                kept.Add(output);
            }
        }

        return kept;
    }

    private static OutputWritten Lent(OutputBufferPool pool, string text)
    {
        var buffer = pool.Rent();
        buffer.Append(text);
        return new OutputWritten(buffer, OutputStream.Stdout);
    }
}
