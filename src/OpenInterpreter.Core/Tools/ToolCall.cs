namespace OpenInterpreter.Core.Tools;

/// <summary>
/// A finished call from the model: the function it named, its arguments as the provider parsed them (null when
/// they were not valid JSON), the raw argument text when it streamed in, and what of it was already shown live.
/// </summary>
public sealed record ToolCall(
    string Name,
    IDictionary<string, object?>? Arguments,
    string? RawArguments,
    bool ArgumentsFailed = false,
    string? ShownLanguage = null,
    string? ShownCode = null);
