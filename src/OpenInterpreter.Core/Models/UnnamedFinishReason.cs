using Microsoft.Extensions.AI;

namespace OpenInterpreter.Core.Models;

/// <summary>
/// The end of a reply whose stream ended properly (OpenAI's <c>data: [DONE]</c>, Anthropic's <c>message_stop</c>)
/// while the server named no reason, as some llama.cpp server builds, LM Studio and Jan versions and proxies do. Such
/// a server does not report its own token limit either, so a tool call whose arguments are unfinished was cut there.
/// </summary>
internal static class UnnamedFinishReason
{
    /// <summary>The reason of a proper end in the middle of a tool call: the call is incomplete and must not run.</summary>
    public static ChatFinishReason CallCut { get; } = new("call_cut");

    /// <summary>Marks the update that carries a reason the server did not name.</summary>
    private const string Marker = "oi_unnamed_finish_reason";

    /// <summary>
    /// The update that ends such a reply: a plain stop, or tool calls when <paramref name="calls"/> were made and every
    /// one of them has its whole arguments (<paramref name="allComplete"/>), else <see cref="CallCut"/>.
    /// </summary>
    public static ChatResponseUpdate Update(int calls, bool allComplete, IList<AIContent>? contents = null, string? modelId = null) =>
        new(ChatRole.Assistant, contents ?? [])
        {
            ModelId = modelId,
            FinishReason = !allComplete ? CallCut : calls > 0 ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop,
            AdditionalProperties = new() { [Marker] = true },
        };

    /// <summary>Whether <paramref name="update"/> carries a reason the server did not name.</summary>
    public static bool IsOn(ChatResponseUpdate update) => update.AdditionalProperties?.ContainsKey(Marker) == true;
}
