namespace OpenInterpreter.Core.Models;

/// <summary>
/// Model names as OI users write them (litellm's short names) and the provider's real ids they stand for, and the
/// litellm providers that have no client here.
/// </summary>
public static class ModelAliases
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["claude-3.5"] = "claude-3-5-sonnet-latest",
        ["claude-3.5-sonnet"] = "claude-3-5-sonnet-latest",
        ["claude-3-5-sonnet"] = "claude-3-5-sonnet-latest",
        ["claude-3.5-haiku"] = "claude-3-5-haiku-latest",
        ["claude-3-5-haiku"] = "claude-3-5-haiku-latest",
        ["claude-3.7-sonnet"] = "claude-3-7-sonnet-latest",
        ["claude-3-7-sonnet"] = "claude-3-7-sonnet-latest",
        ["claude-3-opus"] = "claude-3-opus-latest",
        ["claude-3-sonnet"] = "claude-3-sonnet-20240229",
        ["claude-3-haiku"] = "claude-3-haiku-20240307",
        ["claude-2"] = "claude-2.1",
        ["gpt-4-turbo-preview"] = "gpt-4-turbo",
        ["gpt-4-vision-preview"] = "gpt-4-turbo",
        ["gpt-4-vision"] = "gpt-4-turbo",
        ["gpt-4o-latest"] = "chatgpt-4o-latest",
        ["gpt-3.5"] = "gpt-3.5-turbo",
        ["gpt4"] = "gpt-4",
        ["gpt4o"] = "gpt-4o",
    };

    /// <summary>litellm prefixes of providers spoken to by SDKs this program does not have, with what they are.</summary>
    private static readonly Dictionary<string, string> Unsupported = new(StringComparer.OrdinalIgnoreCase)
    {
        ["bedrock"] = "AWS Bedrock",
        ["sagemaker"] = "AWS SageMaker",
        ["vertex_ai"] = "Google Vertex AI",
        ["vertex_ai_beta"] = "Google Vertex AI",
        ["huggingface"] = "Hugging Face Inference",
        ["replicate"] = "Replicate",
        ["cohere"] = "Cohere",
        ["watsonx"] = "IBM watsonx",
    };

    /// <summary>The provider's id for <paramref name="modelId"/>; the name itself when it is no alias.</summary>
    public static string Resolve(string modelId) => Aliases.GetValueOrDefault(modelId, modelId);

    /// <summary>Throws, in one line, for a litellm provider that has no client here.</summary>
    public static void CheckSupported(string? prefix, string name)
    {
        if (prefix is not null && Unsupported.TryGetValue(prefix, out var provider))
        {
            throw new UnsupportedModelException(
                $"{prefix}/… models ({provider}) are not supported here, so '{name}' cannot be used.",
                "Supported: OpenAI, Anthropic, Azure OpenAI, Ollama, LM Studio, Jan, llama.cpp, Groq, OpenRouter, DeepSeek, Mistral, Together AI, Gemini, a .gguf file, or any OpenAI-compatible server with --api_base (a LiteLLM proxy can front " + provider + ").");
        }
    }
}
