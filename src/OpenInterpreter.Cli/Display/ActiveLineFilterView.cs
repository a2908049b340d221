using System.Runtime.CompilerServices;
using OpenInterpreter.Cli.Terminal;
using OpenInterpreter.Core.Messages;

namespace OpenInterpreter.Cli.Display;

/// <summary><c>--no_highlight_active_line</c>: the view never hears which line is running, so it marks none.</summary>
internal sealed class ActiveLineFilterView(IConversationView inner) : ForwardingView(inner)
{
    public override Task ShowTurnAsync(IAsyncEnumerable<LmcChunk> chunks, CancellationToken cancellationToken) =>
        Inner.ShowTurnAsync(WithoutActiveLines(chunks, cancellationToken), cancellationToken);

    private static async IAsyncEnumerable<LmcChunk> WithoutActiveLines(IAsyncEnumerable<LmcChunk> chunks, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (chunk.Format != LmcFormat.ActiveLine)
            {
                yield return chunk;
            }
        }
    }
}
