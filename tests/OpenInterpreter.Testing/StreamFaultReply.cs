namespace OpenInterpreter.Testing;

/// <summary>What goes wrong in a <see cref="StreamFaultReply"/> after its text has streamed.</summary>
public enum StreamFault
{
    /// <summary>The connection stays open and nothing more arrives.</summary>
    Stall,

    /// <summary>One more event (SSE) or line (NDJSON) arrives whose JSON is broken, then the stream ends.</summary>
    InvalidJson,

    /// <summary>The stream ends in the middle of an event or line: its first half arrives, then the body ends.</summary>
    HalfLine,

    /// <summary>
    /// The provider's own error event arrives, as servers send when they fail mid-reply (OpenAI's
    /// <c>data: {"error": …}</c>, Anthropic's <c>event: error</c>, Ollama's <c>{"error": …}</c> line), then the stream ends.
    /// </summary>
    ErrorEvent,

    /// <summary>
    /// The provider's content filter ends the reply: a proper end whose reason is <c>content_filter</c> (OpenAI) or
    /// <c>refusal</c> (Anthropic). Ollama has no such reason; its stream just ends normally.
    /// </summary>
    ContentFilter,

    /// <summary>
    /// The reply reaches the output-token limit: a proper end whose reason is <c>length</c> (OpenAI),
    /// <c>max_tokens</c> (Anthropic) or <c>done_reason: "length"</c> (Ollama).
    /// </summary>
    Length,

    /// <summary>
    /// The output-token limit is reached while an <c>execute</c> call is written: half its arguments arrive, then the
    /// same end as <see cref="Length"/>. OpenAI and Anthropic only; Ollama sends a tool call whole or not at all.
    /// </summary>
    LengthInToolCall,
}

/// <summary>
/// A streamed reply that goes wrong: <paramref name="TextBefore"/> arrives as valid chunks in the wire format asked
/// for (OpenAI SSE, Anthropic SSE, Ollama NDJSON), then <paramref name="Fault"/> happens.
/// <paramref name="StallFirst"/> stalls before the first chunk instead (a model that never starts).
/// </summary>
public sealed record StreamFaultReply(StreamFault Fault, string TextBefore, bool StallFirst = false) : FakeReply;

/// <summary>An HTTP 200 whose body is an HTML page (a proxy's or a login portal's), not the API's answer.</summary>
public sealed record HtmlReply(string Title) : FakeReply;

/// <summary><paramref name="Reply"/>, sent only once <paramref name="Release"/> completes (to make instances answer together).</summary>
public sealed record HeldReply(FakeReply Reply, Task Release) : FakeReply;
