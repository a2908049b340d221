using OpenInterpreter.Core.Tools;

namespace OpenInterpreter.Core.TextMode;

/// <summary>
/// Finds an <c>execute</c> call that a weak model wrote into its text instead of calling the tool:
/// <c>functions.execute({...})</c>, <c>execute({...})</c>, or a bare <c>{"language": …, "code": …}</c> object.
/// </summary>
public static class WrittenCall
{
    private static readonly string[] Markers = ["functions.execute(", "execute(", "{"];

    /// <summary>The call in <paramref name="text"/>, or null when there is none that reads unambiguously.</summary>
    public static CodeRequest? Find(string text)
    {
        if (!text.Contains("\"code\"", StringComparison.Ordinal))
        {
            return null;
        }

        foreach (var marker in Markers)
        {
            var at = text.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0 && ExecuteArguments.Parse(text[at..]).Request is { } request)
            {
                return request;
            }
        }

        return null;
    }
}
