namespace OpenInterpreter.Core.Models;

/// <summary>How a provider is spoken to: which SDK builds its client.</summary>
public enum ProviderKind
{
    /// <summary>The official OpenAI SDK, against OpenAI or any OpenAI-compatible endpoint.</summary>
    OpenAICompatible,

    /// <summary>Azure OpenAI: the OpenAI SDK against a deployment, with <c>api-version</c> and an <c>api-key</c> header.</summary>
    Azure,

    /// <summary>The official Anthropic SDK (Messages API).</summary>
    Anthropic,

    /// <summary>OllamaSharp against Ollama's own API (<c>/api/chat</c>).</summary>
    Ollama,

    /// <summary>A GGUF file run in-process by LLamaSharp.</summary>
    Embedded,
}
