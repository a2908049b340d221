using Anthropic;
using Microsoft.Extensions.AI;
using OpenInterpreter.Core.Settings;

namespace OpenInterpreter.Core.Models;

/// <summary>The official Anthropic SDK (Messages API) behind its own <see cref="IChatClient"/> adapter.</summary>
internal static class AnthropicClientFactory
{
    /// <summary>Anthropic requires max_tokens on every request; used when none is set.</summary>
    public const int DefaultMaxTokens = 4096;

    public static IChatClient Create(ModelRoute route, string key, HttpClient http, ModelSettings settings)
    {
        var client = new AnthropicClient
        {
            ApiKey = key,
            BaseUrl = route.Endpoint!.ToString().TrimEnd('/'),
            HttpClient = http,

            // RetryingChatClient retries visibly; the SDK's own retries would be silent and multiply with ours.
            MaxRetries = 0,
            Timeout = http.Timeout,
        };
        return client.AsIChatClient(route.ModelId, settings.MaxTokens ?? DefaultMaxTokens);
    }
}
