namespace OpenInterpreter.Testing;

/// <summary>How a streamed reply ends on the wire (set with <see cref="FakeReply.EndingWith"/>).</summary>
public enum StreamEnding
{
    /// <summary>
    /// The provider's reason, then the stream's own end: OpenAI's <c>finish_reason</c> and <c>data: [DONE]</c>,
    /// Anthropic's <c>message_delta</c> stop_reason and <c>message_stop</c>, Ollama's last line with <c>done_reason</c>.
    /// </summary>
    Normal,

    /// <summary>
    /// The stream's own end without a reason, as some OpenAI-compatible servers and proxies send it: <c>[DONE]</c>
    /// with <c>finish_reason</c> null on every chunk, <c>message_stop</c> after a <c>message_delta</c> whose
    /// stop_reason is null, Ollama's <c>"done": true</c> line without <c>done_reason</c>.
    /// </summary>
    WithoutReason,

    /// <summary>
    /// As <see cref="WithoutReason"/>, and Anthropic's <c>tool_use</c> block is never closed by its
    /// <c>content_block_stop</c> either (the other wires: as <see cref="WithoutReason"/>).
    /// </summary>
    WithoutReasonOrBlockStop,

    /// <summary>The body just ends, cleanly (no reset), with neither a reason nor the stream's own end.</summary>
    Closed,
}
