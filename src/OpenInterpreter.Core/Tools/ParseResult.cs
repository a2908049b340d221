namespace OpenInterpreter.Core.Tools;

/// <summary>The outcome of reading tool arguments: a request, or the message that tells the model what was wrong.</summary>
public sealed record ParseResult(CodeRequest? Request, string? Error)
{
    public static ParseResult Ok(CodeRequest request) => new(request, null);

    public static ParseResult Fail(string error) => new(null, error);
}
