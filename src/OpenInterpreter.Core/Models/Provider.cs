namespace OpenInterpreter.Core.Models;

/// <summary>
/// A model provider: its litellm prefix, how it is spoken to, its default base URL, the environment variable holding
/// its key, and whether it needs one at all.
/// </summary>
public sealed record Provider(string Prefix, string DisplayName, string? BaseUrl, string? KeyVariable, bool NeedsKey, ProviderKind Kind = ProviderKind.OpenAICompatible)
{
    public static readonly Provider OpenAI = new("openai", "OpenAI", null, "OPENAI_API_KEY", NeedsKey: true);

    public static readonly Provider Anthropic = new("anthropic", "Anthropic", "https://api.anthropic.com", "ANTHROPIC_API_KEY", NeedsKey: true, ProviderKind.Anthropic);

    /// <summary>Ollama's own API; <c>OLLAMA_HOST</c> moves it, as it does for the <c>ollama</c> command.</summary>
    public static readonly Provider Ollama = new("ollama", "Ollama", "http://localhost:11434", null, NeedsKey: false, ProviderKind.Ollama);

    /// <summary>Azure OpenAI: the resource URL comes from <c>--api_base</c> or <c>AZURE_API_BASE</c>.</summary>
    public static readonly Provider Azure = new("azure", "Azure OpenAI", null, "AZURE_API_KEY", NeedsKey: true, ProviderKind.Azure);

    /// <summary>A GGUF file run in-process: no endpoint, no key.</summary>
    public static readonly Provider Embedded = new("gguf", "the embedded engine", null, null, NeedsKey: false, ProviderKind.Embedded);

    /// <summary>The providers known by prefix. Local servers need no key.</summary>
    public static readonly IReadOnlyList<Provider> Known =
    [
        OpenAI,
        Anthropic,
        Ollama,
        Ollama with { Prefix = "ollama_chat" },
        Azure,
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
