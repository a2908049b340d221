using System.Runtime.CompilerServices;
using OpenInterpreter.Core.Messages;

namespace OpenInterpreter.Core.History;

/// <summary>A saved conversation as the chunks a live one streams, so a continued conversation is shown again the same way.</summary>
public static class ConversationReplay
{
    public static async IAsyncEnumerable<LmcChunk> Chunks(IReadOnlyList<LmcMessage> messages, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var message in messages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (message.Role == LmcRole.User || message.Type is not (LmcType.Message or LmcType.Code or LmcType.Console))
            {
                continue;
            }

            yield return new LmcChunk(message.Role, message.Type, message.Format, Start: true);
            yield return new LmcChunk(message.Role, message.Type, message.Format, message.Content);
            yield return new LmcChunk(message.Role, message.Type, message.Format, End: true);
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
