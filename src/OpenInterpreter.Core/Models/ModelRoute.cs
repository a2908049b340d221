using OpenInterpreter.Core.Settings;

namespace OpenInterpreter.Core.Models;

/// <summary>Where a litellm-style model name goes: the provider, the model id it is sent as, and the endpoint.</summary>
public sealed record ModelRoute(Provider Provider, string ModelId, Uri? Endpoint)
{
    /// <summary>Routes <paramref name="settings"/>, or explains in one line why the model cannot be reached.</summary>
    public static ModelRoute Resolve(ModelSettings settings)
    {
        var name = settings.Model.Trim();
        var slash = name.IndexOf('/');
        var prefix = slash > 0 ? name[..slash] : null;
        var provider = prefix is null ? null : Provider.Known.FirstOrDefault(p => p.Prefix.Equals(prefix, StringComparison.OrdinalIgnoreCase));
        var modelId = provider is null ? name : name[(slash + 1)..];

        if (provider is null)
        {
            if (settings.ApiBase is null && (prefix is "anthropic" or "azure" || name.StartsWith("claude", StringComparison.OrdinalIgnoreCase)))
            {
                throw new InterpreterException(
                    $"The model '{name}' needs a provider this build cannot call yet.",
                    "Use an OpenAI-compatible endpoint: --model openai/NAME --api_base URL.");
            }

            // As in OI, any other name is an OpenAI model, or an OpenAI-compatible one when --api_base is given.
            provider = Provider.OpenAI;
        }

        var baseUrl = settings.ApiBase ?? provider.BaseUrl;
        Uri? endpoint = null;
        if (baseUrl is not null && !Uri.TryCreate(baseUrl, UriKind.Absolute, out endpoint))
        {
            throw new InterpreterException($"The API base '{baseUrl}' is not a URL.", "Pass --api_base like http://localhost:1234/v1.");
        }

        return new ModelRoute(provider, modelId, endpoint);
    }

    /// <summary>The endpoint as shown to the user.</summary>
    public string EndpointText => Endpoint?.ToString() ?? "https://api.openai.com/v1";
}
