using System.ClientModel.Primitives;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace OpenInterpreter.Core.Models;

/// <summary>
/// Adds <see cref="ToolCallFragment"/>s to OpenAI streaming updates, read from the SDK's raw chunks, and turns an error
/// event in the stream (<c>data: {"error": …}</c>, which the SDK reads as an empty chunk) into the error it is.
/// </summary>
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
                if (StreamError(raw) is { } error)
                {
                    // As Anthropic's and Ollama's clients do: the same as an HTTP error, so its message reaches the user.
                    throw new ModelHttpException(500, error);
                }

                foreach (var call in raw.ToolCallUpdates)
                {
                    var arguments = call.FunctionArgumentsUpdate is { } data && !data.IsEmpty ? data.ToString() : "";
                    update.Contents.Add(new ToolCallFragment(call.Index, call.ToolCallId, call.FunctionName, arguments));
                }
            }

            yield return update;
        }
    }

    /// <summary>The chunk's JSON when it is an error event rather than a completion chunk; null otherwise.</summary>
    private static string? StreamError(StreamingChatCompletionUpdate raw)
    {
        // A completion chunk has an id; only a chunk without one is written back out to look for an "error" key.
        if (!string.IsNullOrEmpty(raw.CompletionId) || raw.ContentUpdate.Count > 0 || raw.ToolCallUpdates.Count > 0 || raw.FinishReason is not null)
        {
            return null;
        }

        var json = ((IPersistableModel<StreamingChatCompletionUpdate>)raw).Write(ModelReaderWriterOptions.Json).ToString();
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out _) ? json : null;
    }
}
