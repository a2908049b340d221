namespace OpenInterpreter.Core.Settings;

/// <summary>The profiles that ship inside the program: ours (<c>default</c>, <c>fast</c>, <c>local</c>, <c>os</c>, <c>vision</c>) and YAML equivalents of OI's built-in Python ones.</summary>
public static class BuiltInProfiles
{
    public static readonly IReadOnlyList<string> Names =
    [
        "default", "fast", "local", "os", "vision",
        "codestral", "codestral-few-shot", "llama3", "llama31-database", "qwen", "cortex-llama32", "assistant", "groq", "cerebras", "haiku", "obsidian", "snowpark",
    ];

    /// <summary>The YAML text of the built-in profile <paramref name="name"/>, or null when there is none.</summary>
    public static string? Text(string name)
    {
        if (!Names.Contains(name))
        {
            return null;
        }

        using var stream = typeof(BuiltInProfiles).Assembly.GetManifestResourceStream($"profiles/{name}.yaml")
            ?? throw new InvalidOperationException($"The built-in profile {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The built-in profile <paramref name="name"/> as a settings layer.</summary>
    public static SettingsLayer Load(string name) =>
        ProfileParser.Parse(Text(name) ?? throw new ArgumentException($"No built-in profile {name}.", nameof(name)), $"(built-in {name} profile)");
}
