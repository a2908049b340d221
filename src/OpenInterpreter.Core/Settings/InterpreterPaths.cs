namespace OpenInterpreter.Core.Settings;

/// <summary>Where the interpreter keeps its files: the same folders as the original Open Interpreter.</summary>
public sealed record InterpreterPaths(string ConfigDirectory, string CacheDirectory)
{
    /// <summary>
    /// The folders for this user, where OI keeps its own (Python's <c>platformdirs</c>): on Linux
    /// <c>$XDG_CONFIG_HOME/open-interpreter</c> and <c>$XDG_CACHE_HOME/open-interpreter</c>; on macOS
    /// <c>~/Library/Application Support/open-interpreter</c> and <c>~/Library/Caches/open-interpreter</c>; on Windows
    /// <c>%LOCALAPPDATA%\open-interpreter\open-interpreter</c> (and its <c>Cache</c>).
    /// </summary>
    public static InterpreterPaths ForCurrentUser() => For(
        OperatingSystem.IsMacOS() ? "macos" : OperatingSystem.IsWindows() ? "windows" : "linux",
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        Environment.GetEnvironmentVariable);

    /// <summary>The folders on <paramref name="system"/> (<c>linux</c>, <c>macos</c> or <c>windows</c>) for a user whose home is <paramref name="home"/>.</summary>
    public static InterpreterPaths For(string system, string home, Func<string, string?> environment)
    {
        string? Variable(string name) => environment(name) is { Length: > 0 } value ? value : null;
        switch (system)
        {
            case "macos":
                return new(Path.Combine(home, "Library", "Application Support", "open-interpreter"), Path.Combine(home, "Library", "Caches", "open-interpreter"));
            case "windows":
                var local = Path.Combine(Variable("LOCALAPPDATA") ?? Path.Combine(home, "AppData", "Local"), "open-interpreter", "open-interpreter");
                return new(local, Path.Combine(local, "Cache"));
            default:
                var config = Variable("XDG_CONFIG_HOME") ?? Path.Combine(home, ".config");
                var cache = Variable("XDG_CACHE_HOME") ?? Path.Combine(home, ".cache");
                return new(Path.Combine(config, "open-interpreter"), Path.Combine(cache, "open-interpreter"));
        }
    }

    /// <summary>Where outputs too long for the model are written in full.</summary>
    public string OutputsDirectory => Path.Combine(CacheDirectory, "outputs");

    /// <summary>GGUF files for the embedded engine; OI keeps its downloaded local models here too.</summary>
    public string ModelsDirectory => Path.Combine(ConfigDirectory, "models");

    public string ProfilesDirectory => Path.Combine(ConfigDirectory, "profiles");

    public string ConversationsDirectory => Path.Combine(ConfigDirectory, "conversations");

    /// <summary>The lines typed at the prompt, for Up/Down across sessions.</summary>
    public string PromptHistoryFile => Path.Combine(ConfigDirectory, "prompt_history");
}
