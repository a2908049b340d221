using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace OpenInterpreter.Core.Models;

/// <summary>Adds <see cref="ToolCallFragment"/>s to OpenAI streaming updates, read from the SDK's raw chunks.</summary>
public sealed class OpenAIToolCallFragmentsChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<AIChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        object? lastRaw = null;
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            // The adapter may attach one raw chunk to more than one update; its pieces must be added once.
            if (update.RawRepresentation is StreamingChatCompletionUpdate raw && !ReferenceEquals(raw, lastRaw))
            {
                lastRaw = raw;
                foreach (var call in raw.ToolCallUpdates)
                {
                    var arguments = call.FunctionArgumentsUpdate is { } data && !data.IsEmpty ? data.ToString() : "";
                    update.Contents.Add(new ToolCallFragment(call.Index, call.ToolCallId, call.FunctionName, arguments));
                }
            }

            yield return update;
        }
    }
}
