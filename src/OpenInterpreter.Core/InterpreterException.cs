namespace OpenInterpreter.Core;

/// <summary>
/// An error the user can act on: a one-line message saying what went wrong and, in <see cref="Hint"/>, what to do.
/// The front end shows these without a stack trace.
/// </summary>
public class InterpreterException(string message, string? hint = null, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>What the user can do about it, when there is something.</summary>
    public string? Hint { get; } = hint;

    /// <summary>The message and the hint on one line.</summary>
    public string OneLine => Hint is null ? Message : $"{Message} {Hint}";
}
