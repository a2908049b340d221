using System.Runtime.CompilerServices;
using System.Text.Json;
using OpenInterpreter.Cli.Terminal;
using OpenInterpreter.Core.Messages;

namespace OpenInterpreter.Cli.Display;

/// <summary><c>--debug</c> / <c>%debug</c>: every LMC chunk of the conversation is shown as one JSON line, as it streams.</summary>
internal sealed class DebugView(IConversationView inner, SessionSwitches switches) : ForwardingView(inner)
{
    private static readonly LmcJsonContext Compact = new(new JsonSerializerOptions { WriteIndented = false });

    /// <summary>%debug acts from the next turn on; a turn without it goes to the view untouched.</summary>
    public override Task ShowTurnAsync(IAsyncEnumerable<LmcChunk> chunks, CancellationToken cancellationToken) =>
        Inner.ShowTurnAsync(switches.Debug ? Logged(chunks, cancellationToken) : chunks, cancellationToken);

    private async IAsyncEnumerable<LmcChunk> Logged(IAsyncEnumerable<LmcChunk> chunks, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            Inner.Verbose("chunk " + JsonSerializer.Serialize(chunk, Compact.LmcChunk));
            yield return chunk;
        }
    }
}
