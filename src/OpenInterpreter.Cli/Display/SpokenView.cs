using System.Runtime.CompilerServices;
using System.Text;
using OpenInterpreter.Cli.Terminal;
using OpenInterpreter.Core.Messages;

namespace OpenInterpreter.Cli.Display;

/// <summary><c>--speak_messages</c>: the text of each assistant message is read aloud once the message is complete.</summary>
internal sealed class SpokenView(IConversationView inner, MessageSpeaker speaker) : ForwardingView(inner)
{
    public override Task ShowTurnAsync(IAsyncEnumerable<LmcChunk> chunks, CancellationToken cancellationToken) =>
        Inner.ShowTurnAsync(Spoken(chunks, cancellationToken), cancellationToken);

    private async IAsyncEnumerable<LmcChunk> Spoken(IAsyncEnumerable<LmcChunk> chunks, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        await foreach (var chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (chunk is { Role: LmcRole.Assistant, Type: LmcType.Message })
            {
                text.Append(chunk.Content);
                if (chunk.End && text.Length > 0)
                {
                    speaker.Speak(text.ToString());
                    text.Clear();
                }
            }

            yield return chunk;
        }
    }
}
