using OpenInterpreter.Core.Settings;

namespace OpenInterpreter.Core.Models;

/// <summary>Where a litellm-style model name goes: the provider, the model id it is sent as, and the endpoint.</summary>
public sealed record ModelRoute(Provider Provider, string ModelId, Uri? Endpoint)
{
    /// <summary>Routes <paramref name="settings"/>, or explains in one line why the model cannot be reached.</summary>
    public static ModelRoute Resolve(ModelSettings settings)
    {
        var name = settings.Model.Trim();
        if (name.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase))
        {
            return new ModelRoute(Provider.Embedded, name, null);
        }

        var slash = name.IndexOf('/');
        var prefix = slash > 0 ? name[..slash] : null;
        var provider = prefix is null ? null : Provider.Known.FirstOrDefault(p => p.Prefix.Equals(prefix, StringComparison.OrdinalIgnoreCase));
        var modelId = provider is null ? name : name[(slash + 1)..];

        // With --api_base the name goes to that server as written (a LiteLLM proxy knows bedrock/…); without, a
        // provider we have no client for is one line naming what is supported instead.
        if (settings.ApiBase is null)
        {
            ModelAliases.CheckSupported(prefix, name);
        }

        // As in OI, a claude name is Anthropic's, and any other name an OpenAI model (or an OpenAI-compatible one
        // when --api_base is given).
        provider ??= name.StartsWith("claude", StringComparison.OrdinalIgnoreCase) ? Provider.Anthropic : Provider.OpenAI;

        // litellm's short names become the provider's ids; an OpenAI-compatible server of the user's own gets the
        // name as written, since it has names of its own.
        if (settings.ApiBase is null || provider.Kind != ProviderKind.OpenAICompatible)
        {
            modelId = ModelAliases.Resolve(modelId);
        }

        var baseUrl = settings.ApiBase ?? provider.Kind switch
        {
            ProviderKind.Ollama => OllamaHost(),
            ProviderKind.Azure => Environment.GetEnvironmentVariable("AZURE_API_BASE") is { Length: > 0 } azure ? azure : throw new InterpreterException(
                "An Azure model needs the URL of your Azure OpenAI resource.",
                "Pass --api_base https://NAME.openai.azure.com or set AZURE_API_BASE."),
            _ => provider.BaseUrl,
        };

        Uri? endpoint = null;
        if (baseUrl is not null && !Uri.TryCreate(baseUrl, UriKind.Absolute, out endpoint))
        {
            throw new InterpreterException($"The API base '{baseUrl}' is not a URL.", "Pass --api_base like http://localhost:1234/v1.");
        }

        return new ModelRoute(provider, modelId, endpoint);
    }

    /// <summary>The endpoint as shown to the user.</summary>
    public string EndpointText => Provider.Kind == ProviderKind.Embedded ? ModelId : Endpoint?.ToString() ?? "https://api.openai.com/v1";

    /// <summary>Ollama's address: <c>OLLAMA_HOST</c> (which may lack the scheme, as the ollama command allows) or the default.</summary>
    private static string OllamaHost()
    {
        var host = Environment.GetEnvironmentVariable("OLLAMA_HOST");
        if (string.IsNullOrWhiteSpace(host))
        {
            return Provider.Ollama.BaseUrl!;
        }

        host = host.Trim();
        return host.Contains("://", StringComparison.Ordinal) ? host : $"http://{host}";
    }
}
