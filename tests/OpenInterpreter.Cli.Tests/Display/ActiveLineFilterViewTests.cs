using OpenInterpreter.Cli.Display;
using OpenInterpreter.Cli.Terminal;
using OpenInterpreter.Core.Messages;
using Xunit;

namespace OpenInterpreter.Cli.Tests.Display;

/// <summary>--no_highlight_active_line: the view is never told which line runs, so it marks none.</summary>
public sealed class ActiveLineFilterViewTests
{
    private sealed class RecordingView : IConversationView
    {
        public List<LmcChunk> Seen { get; } = [];

        public async Task ShowTurnAsync(IAsyncEnumerable<LmcChunk> chunks, CancellationToken cancellationToken)
        {
            await foreach (var chunk in chunks.WithCancellation(cancellationToken))
            {
                Seen.Add(chunk);
            }
        }

        public void Error(string line) { }

        public void Notice(string line) { }

        public void Verbose(string line) { }

        public void Status(string line) { }

        public void ShowCode(string language, string code) { }
    }

    private static async IAsyncEnumerable<LmcChunk> Run()
    {
        yield return new LmcChunk(LmcRole.Computer, LmcType.Console, LmcFormat.ActiveLine, "1");
        yield return new LmcChunk(LmcRole.Computer, LmcType.Console, LmcFormat.Output, "hello\n");
        yield return new LmcChunk(LmcRole.Computer, LmcType.Console, LmcFormat.ActiveLine, null);
        await Task.Yield();
    }

    [Fact]
    public async Task Active_line_chunks_never_reach_the_view_and_output_does()
    {
        var inner = new RecordingView();
        await new ActiveLineFilterView(inner).ShowTurnAsync(Run(), CancellationToken.None);

        var output = Assert.Single(inner.Seen);
        Assert.Equal("hello\n", output.Content);
    }
}
