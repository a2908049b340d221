using Microsoft.Extensions.AI;

namespace OpenInterpreter.Core.Models;

/// <summary>
/// Sends tool results to Ollama as plain text. OllamaSharp would send each result as the JSON of the whole result
/// object (<c>{"CallId":…,"Result":…}</c>), which small local models read worse than the output itself.
/// </summary>
internal sealed class OllamaToolResultsChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(Rewrite(messages), options, cancellationToken);

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetStreamingResponseAsync(Rewrite(messages), options, cancellationToken);

    private static List<ChatMessage> Rewrite(IEnumerable<ChatMessage> messages) =>
        messages.Select(m => m.Role == ChatRole.Tool && m.Contents.OfType<FunctionResultContent>().Any()
            ? new ChatMessage(ChatRole.Tool, [.. m.Contents.Select(c => c is FunctionResultContent r ? new TextContent(r.Result as string ?? r.Result?.ToString() ?? "") : c)])
            : m).ToList();
}
