namespace OpenInterpreter.Core.Languages;

/// <summary>Where a language session's process starts and what it changes in that process's environment.</summary>
public sealed record SessionOptions
{
    /// <summary>The directory the process starts in; null for the current directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>
    /// Variables set in the process's environment after the non-interactive defaults (so they may override them);
    /// a null value removes the variable.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();
}
