namespace OpenInterpreter.Core.Languages;

/// <summary>The environment variables that keep tools from paging, prompting or opening an editor in a session.</summary>
internal static class NonInteractiveEnvironment
{
    /// <summary>Added to every session's environment; <see cref="SessionOptions.Environment"/> may change them.</summary>
    public static IReadOnlyDictionary<string, string> Defaults { get; } = new Dictionary<string, string>
    {
        ["CI"] = "1",
        ["PAGER"] = "cat",
        ["GIT_PAGER"] = "cat",
        ["GIT_TERMINAL_PROMPT"] = "0",
        ["GIT_EDITOR"] = "true",
        ["DEBIAN_FRONTEND"] = "noninteractive",
        ["PYTHONUNBUFFERED"] = "1",
    };
}
