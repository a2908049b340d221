namespace OpenInterpreter.Core.Languages;

/// <summary>Where a language session's process starts and what it changes in that process's environment.</summary>
public sealed record SessionOptions
{
    /// <summary>The directory the process starts in; null for the current directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Where sessions keep the files they make for the user (HTML pages, pictures); null for a folder in
    /// the system's temporary directory.</summary>
    public string? FilesDirectory { get; init; }

    /// <summary>The folder <see cref="FilesDirectory"/> names, or the default one.</summary>
    internal string FilesDirectoryOrDefault => FilesDirectory ?? Path.Combine(Path.GetTempPath(), "open-interpreter-files");

    /// <summary>Confines every session's process (bubblewrap or Landlock); null to run them as the user.</summary>
    public Safety.Sandbox? Sandbox { get; init; }

    /// <summary>
    /// Variables set in the process's environment after the non-interactive defaults (so they may override them);
    /// a null value removes the variable.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();
}
