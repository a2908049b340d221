using System.Text;
using OpenInterpreter.Core.Models;
using Xunit;

namespace OpenInterpreter.Core.Tests.Models;

public sealed class DoneLineStreamTests
{
    private const string Chunk = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}]}\n\n";

    [Theory]
    [InlineData(Chunk + "data: [DONE]\n\n")]
    [InlineData(Chunk + "data:[DONE]\n\n")]
    [InlineData(Chunk + "data: [DONE]\r\n\r\n")]
    [InlineData(Chunk + "data: [DONE]\r\r")]
    [InlineData(Chunk + "data: [DONE]")]
    public void The_done_line_is_seen_however_the_reads_split_it(string body)
    {
        foreach (var size in new[] { 1, 2, 5, 13, 4096 })
        {
            Assert.True(ReadAll(body, size), $"reads of {size} bytes");
        }
    }

    [Theory]
    [InlineData(Chunk)]
    [InlineData(Chunk + "data: [DONE] \n\n")]
    [InlineData(Chunk + "data: [DONE]x\n\n")]
    [InlineData(Chunk + " data: [DONE]\n\n")]
    [InlineData("data: {\"choices\":[{\"delta\":{\"content\":\"data: [DONE]\\n\"}}]}\n\n")]
    [InlineData("data: {\"choices\":[{\"delta\":{\"content\":\"\ndata: [DONE]x\"}}]}\n\n")]
    public void Other_lines_are_not_the_done_line(string body)
    {
        foreach (var size in new[] { 1, 3, 4096 })
        {
            Assert.False(ReadAll(body, size), $"reads of {size} bytes");
        }
    }

    [Fact]
    public async Task Reads_pass_the_bytes_through_unchanged()
    {
        var body = Encoding.UTF8.GetBytes(Chunk + "data: [DONE]\n\n");
        var done = new DoneLine();
        await using var stream = new DoneLineStream(new MemoryStream(body), done);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, 7);

        Assert.Equal(body, copy.ToArray());
        Assert.True(done.Seen);
    }

    private static bool ReadAll(string body, int size)
    {
        var done = new DoneLine();
        using var stream = new DoneLineStream(new MemoryStream(Encoding.UTF8.GetBytes(body)), done);
        var buffer = new byte[size];
        while (stream.Read(buffer, 0, size) > 0)
        {
        }

        return done.Seen;
    }
}
