namespace OpenInterpreter.Core.Settings;

/// <summary>
/// Loop mode's defaults, as OI has them: after each answer the model is told to go on until its reply contains one
/// of the breakers. The breakers are OI's own sentences, so profiles written for OI keep working.
/// </summary>
public static class LoopDefaults
{
    public static readonly IReadOnlyList<string> Breakers =
    [
        "The task is done.",
        "The task is impossible.",
        "Let me know what you'd like to do next.",
        "Please provide more information.",
    ];

    public const string Message = """
        Proceed. You can run code on my machine. When the whole task I asked for is done, say exactly 'The task is done.' If you need information only I can give (a username, a password), say exactly 'Please provide more information.' If the task cannot be done, say exactly 'The task is impossible.' If I have not given you a task yet, say exactly 'Let me know what you'd like to do next.' Otherwise keep going.
        """;
}
