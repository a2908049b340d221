namespace OpenInterpreter.Core.Languages;

/// <summary>A language the model may run: its canonical name, the other names it answers to, and its file extension.</summary>
public sealed record LanguageInfo(string Name, IReadOnlyList<string> Aliases, string FileExtension)
{
    /// <summary>True when <paramref name="name"/> is this language's name or one of its aliases (any case).</summary>
    public bool Answers(string name) =>
        string.Equals(Name, name, StringComparison.OrdinalIgnoreCase)
        || Aliases.Any(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase));
}
