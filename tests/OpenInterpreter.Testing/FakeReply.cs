namespace OpenInterpreter.Testing;

/// <summary>What the fake model server answers to one request.</summary>
public abstract record FakeReply
{
    /// <summary>How the reply streams; null: at once, in the reply's own pieces.</summary>
    public Pacing? Pacing { get; init; }

    /// <summary>This reply streamed at a model's speed (<see cref="Testing.Pacing.Model"/> unless given).</summary>
    public FakeReply Paced(Pacing? pacing = null) => this with { Pacing = pacing ?? Testing.Pacing.Model };

    /// <summary>How the stream ends (text and tool-call replies); <see cref="StreamEnding.Normal"/> unless given.</summary>
    public StreamEnding Ending { get; init; }

    /// <summary>This reply ending as <paramref name="ending"/> says.</summary>
    public FakeReply EndingWith(StreamEnding ending) => this with { Ending = ending };

    /// <summary>The <c>finish_reason</c> the OpenAI wire ends the reply with in place of the right one; null: the right one.</summary>
    public string? FinishReason { get; init; }

    /// <summary>This reply ending with <paramref name="reason"/> as its OpenAI <c>finish_reason</c>: an empty one, as
    /// LocalAI sends, or one the API does not define.</summary>
    public FakeReply WithFinishReason(string reason) => this with { FinishReason = reason };

    /// <summary>A text answer, streamed in pieces of <paramref name="PieceLength"/> characters.</summary>
    public static FakeReply Text(string text, int PieceLength = 4) => new TextReply(text, PieceLength);

    /// <summary>An <c>execute</c> call whose arguments JSON is streamed in several fragments.</summary>
    public static FakeReply Execute(string language, string code, string? leadingText = null) =>
        new ToolCallReply("execute", System.Text.Json.JsonSerializer.Serialize(
            new Dictionary<string, string> { ["language"] = language, ["code"] = code },
            FakeJsonContext.Default.DictionaryStringString), leadingText);

    /// <summary>Several <c>execute</c> calls in one reply, as models make parallel tool calls (the OpenAI wire only).</summary>
    public static FakeReply ExecuteAll(params (string Language, string Code)[] runs) =>
        new ToolCallsReply([.. runs.Select(r => (ToolCallReply)Execute(r.Language, r.Code))]);

    /// <summary>A tool call with arguments exactly as given, valid JSON or not.</summary>
    public static FakeReply ToolCall(string name, string rawArguments) => new ToolCallReply(name, rawArguments, null);

    /// <summary>An HTTP error with an OpenAI-shaped error body.</summary>
    public static FakeReply Error(int status, string message, string code = "error") => new ErrorReply(status, message, code);

    /// <summary>A 429 whose <c>Retry-After</c> header asks for <paramref name="retryAfterSeconds"/> seconds.</summary>
    public static FakeReply RateLimited(int retryAfterSeconds) =>
        new ErrorReply(429, "Rate limit reached. Please try again later.", "rate_limit_exceeded") { RetryAfterSeconds = retryAfterSeconds };

    /// <summary>The connection is dropped after the headers, before the first chunk (a reset), as overloaded proxies do.</summary>
    public static FakeReply Reset() => new ResetReply();

    /// <summary>A text answer whose stream is cut (connection closed, no [DONE]) after <paramref name="pieces"/> pieces.</summary>
    public static FakeReply CutText(string text, int pieces) => new CutReply(text, pieces);

    /// <summary>A stream that goes wrong after <paramref name="textBefore"/>: a stall, broken JSON, or half a line (see <see cref="StreamFault"/>).</summary>
    public static FakeReply Faulty(StreamFault fault, string textBefore = "", bool stallFirst = false) => new StreamFaultReply(fault, textBefore, stallFirst);

    /// <summary>An HTTP 200 whose body is an HTML page titled <paramref name="title"/>.</summary>
    public static FakeReply Html(string title) => new HtmlReply(title);

    /// <summary><paramref name="reply"/>, held back until <paramref name="release"/> completes.</summary>
    public static FakeReply Held(FakeReply reply, Task release) => new HeldReply(reply, release);
}

public sealed record TextReply(string Content, int PieceLength) : FakeReply;

public sealed record ToolCallReply(string Name, string RawArguments, string? LeadingText) : FakeReply;

public sealed record ToolCallsReply(IReadOnlyList<ToolCallReply> Calls) : FakeReply;

public sealed record ErrorReply(int Status, string Message, string Code) : FakeReply
{
    /// <summary>Sent as the <c>Retry-After</c> header when set.</summary>
    public int? RetryAfterSeconds { get; init; }
}

public sealed record CutReply(string Content, int Pieces) : FakeReply;

public sealed record ResetReply : FakeReply;
