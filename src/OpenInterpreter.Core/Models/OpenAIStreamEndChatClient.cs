using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace OpenInterpreter.Core.Models;

/// <summary>
/// Gives an OpenAI stream that ended with <c>data: [DONE]</c> while no chunk carried a <c>finish_reason</c> (some
/// llama.cpp server builds, LM Studio and Jan versions, proxies) the end it had (<see cref="UnnamedFinishReason"/>).
/// A stream that just stops keeps no reason: it was cut. Needs <see cref="DoneLineWatcher"/> on the HTTP pipeline.
/// </summary>
public sealed class OpenAIStreamEndChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var done = DoneLineWatcher.Watch();
        var named = false;
        var calls = 0;
        var complete = true;
        var written = new HashSet<int>();
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            named |= update.FinishReason is not null;
            foreach (var content in update.Contents)
            {
                switch (content)
                {
                    case ToolCallFragment fragment:
                        written.Add(fragment.Index);
                        break;

                    case FunctionCallContent call:
                        // The adapter hands each call over once the stream ended, with the error its arguments gave.
                        calls++;
                        complete &= call.Exception is null && call.Arguments is not null;
                        break;
                }
            }

            yield return update;
        }

        if (!named && done.Seen)
        {
            // A call the adapter dropped (one streamed without its name) is as unfinished as one whose JSON broke off.
            yield return UnnamedFinishReason.Update(calls, complete && calls >= written.Count);
        }
    }
}
