namespace OpenInterpreter.Core.Models;

/// <summary>
/// A model provider reached through an OpenAI-compatible endpoint: its litellm prefix, default base URL, the
/// environment variable holding its key, and whether it needs one at all.
/// </summary>
public sealed record Provider(string Prefix, string DisplayName, string? BaseUrl, string? KeyVariable, bool NeedsKey)
{
    public static readonly Provider OpenAI = new("openai", "OpenAI", null, "OPENAI_API_KEY", NeedsKey: true);

    /// <summary>The providers known by prefix. Local servers need no key.</summary>
    public static readonly IReadOnlyList<Provider> Known =
    [
        OpenAI,
        new("ollama", "Ollama", "http://localhost:11434/v1", null, NeedsKey: false),
        new("ollama_chat", "Ollama", "http://localhost:11434/v1", null, NeedsKey: false),
        new("lmstudio", "LM Studio", "http://localhost:1234/v1", null, NeedsKey: false),
        new("jan", "Jan", "http://localhost:1337/v1", null, NeedsKey: false),
        new("llamacpp", "llama.cpp server", "http://localhost:8080/v1", null, NeedsKey: false),
        new("groq", "Groq", "https://api.groq.com/openai/v1", "GROQ_API_KEY", NeedsKey: true),
        new("openrouter", "OpenRouter", "https://openrouter.ai/api/v1", "OPENROUTER_API_KEY", NeedsKey: true),
        new("deepseek", "DeepSeek", "https://api.deepseek.com/v1", "DEEPSEEK_API_KEY", NeedsKey: true),
        new("mistral", "Mistral", "https://api.mistral.ai/v1", "MISTRAL_API_KEY", NeedsKey: true),
        new("together_ai", "Together AI", "https://api.together.xyz/v1", "TOGETHERAI_API_KEY", NeedsKey: true),
        new("gemini", "Gemini", "https://generativelanguage.googleapis.com/v1beta/openai", "GEMINI_API_KEY", NeedsKey: true),
    ];
}
