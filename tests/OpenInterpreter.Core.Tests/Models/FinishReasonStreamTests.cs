using System.Text;
using OpenInterpreter.Core.Models;
using Xunit;

namespace OpenInterpreter.Core.Tests.Models;

public sealed class FinishReasonStreamTests
{
    private const string Chunk = "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":REASON}]}\n\n";

    [Theory]
    [InlineData("\"\"", "null")]
    [InlineData("\"eos\"", "null")]
    [InlineData("  \"x\\\"y\"", "  null")]
    [InlineData("\"stop\"", "\"stop\"")]
    [InlineData("\"tool_calls\"", "\"tool_calls\"")]
    [InlineData("\"length\"", "\"length\"")]
    [InlineData("null", "null")]
    public void Only_a_string_the_api_does_not_define_becomes_null(string reason, string expected)
    {
        var stream = "data: {\"choices\":[{\"delta\":{\"content\":\"hi\"},\"finish_reason\":null}]}\n\n" + Chunk.Replace("REASON", reason) + "data: [DONE]\n\n";

        foreach (var readSize in new[] { 1, 3, 7, 64, 4096 })
        {
            Assert.Equal(
                "data: {\"choices\":[{\"delta\":{\"content\":\"hi\"},\"finish_reason\":null}]}\n\n" + Chunk.Replace("REASON", expected) + "data: [DONE]\n\n",
                Pass(stream, readSize));
        }
    }

    [Fact]
    public void Every_choice_of_a_chunk_is_filtered_and_the_rest_of_the_line_is_kept()
    {
        var line = "data: {\"choices\":[{\"index\":0,\"finish_reason\":\"\"},{\"index\":1,\"finish_reason\":\"stop\"},{\"index\":2,\"finish_reason\":\"weird\"}],\"note\":\"é\"}";

        Assert.Equal(
            "data: {\"choices\":[{\"index\":0,\"finish_reason\":null},{\"index\":1,\"finish_reason\":\"stop\"},{\"index\":2,\"finish_reason\":null}],\"note\":\"é\"}",
            Pass(line, readSize: 5));
    }

    private static string Pass(string text, int readSize)
    {
        using var stream = new FinishReasonStream(new SmallReads(Encoding.UTF8.GetBytes(text), readSize));
        using var output = new MemoryStream();
        var buffer = new byte[3];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            output.Write(buffer, 0, read);
        }

        return Encoding.UTF8.GetString(output.ToArray());
    }

    /// <summary>A stream that hands out at most a few bytes per read, as a network stream may.</summary>
    private sealed class SmallReads(byte[] data, int readSize) : MemoryStream(data)
    {
        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, readSize)]);
    }
}
