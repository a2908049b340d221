namespace OpenInterpreter.Core.Languages;

/// <summary>The language is known but its runtime is not on this machine; the message says how to install it.</summary>
public sealed class LanguageUnavailableException : Exception
{
    /// <summary>Creates the exception for <paramref name="language"/> with the install hint as its message.</summary>
    public LanguageUnavailableException(LanguageInfo language, string message)
        : base(message)
    {
        Language = language;
    }

    /// <summary>The language that cannot run here.</summary>
    public LanguageInfo Language { get; }
}
