namespace OpenInterpreter.Core.Settings;

/// <summary>Where the interpreter keeps its files: the same folders as the original Open Interpreter.</summary>
public sealed record InterpreterPaths(string ConfigDirectory, string CacheDirectory)
{
    /// <summary>The folders for this user: <c>$XDG_CONFIG_HOME/open-interpreter</c> and <c>$XDG_CACHE_HOME/open-interpreter</c>.</summary>
    public static InterpreterPaths ForCurrentUser()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var config = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } c ? c : Path.Combine(home, ".config");
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } d ? d : Path.Combine(home, ".cache");
        return new(Path.Combine(config, "open-interpreter"), Path.Combine(cache, "open-interpreter"));
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
