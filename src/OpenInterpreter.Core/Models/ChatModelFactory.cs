using Microsoft.Extensions.AI;
using OpenInterpreter.Core.Models.Embedded;
using OpenInterpreter.Core.Settings;

namespace OpenInterpreter.Core.Models;

/// <summary>
/// Builds the model client for the settings: the provider's SDK behind Microsoft.Extensions.AI, on an HTTP pipeline
/// of ours (verbose logging, <c>Retry-After</c>), wrapped in <see cref="RetryingChatClient"/>, whose retries are the
/// only ones (the SDKs' own silent retries are turned off).
/// </summary>
public static class ChatModelFactory
{
    /// <summary>
    /// Creates the client; <paramref name="verboseLog"/>, when given, receives each request and raw chunk, and
    /// <paramref name="onRetry"/> hears of each retry before its wait.
    /// </summary>
    public static ChatModel Create(ModelSettings settings, Action<string>? verboseLog = null, Action<RetryNotice>? onRetry = null)
    {
        var route = ModelRoute.Resolve(settings);
        if (route.Provider.Kind == ProviderKind.Embedded)
        {
            return new ChatModel(EmbeddedClientFactory.Create(route, settings, verboseLog), route, null) { SupportsTools = false };
        }

        var (key, keySource) = ResolveKey(settings, route);
        HttpMessageHandler handler = verboseLog is null ? new SocketsHttpHandler() : new VerboseHttpHandler(verboseLog, key);
        if (route.Provider.Kind == ProviderKind.Azure)
        {
            handler = new AzureRequestHandler(handler, key, AzureRequestHandler.ApiVersionFor(settings));
        }

        var recorder = new RetryAfterRecorder(handler);

        // Replies stream for minutes on slow local models; the usual 100 s default would cut them off.
        var http = new HttpClient(recorder) { Timeout = TimeSpan.FromMinutes(10) };
        IChatClient client = route.Provider.Kind switch
        {
            ProviderKind.Anthropic => AnthropicClientFactory.Create(route, key, http, settings),
            ProviderKind.Ollama => OllamaClientFactory.Create(route, http),
            _ => OpenAIClientFactory.Create(route, key, http),
        };
        return new ChatModel(new RetryingChatClient(client, recorder, onRetry), route, keySource);
    }

    private static (string Key, string? Source) ResolveKey(ModelSettings settings, ModelRoute route)
    {
        if (!string.IsNullOrEmpty(settings.ApiKey))
        {
            return (settings.ApiKey, settings.ApiKeySource ?? "--api_key");
        }

        var variable = route.Provider.KeyVariable;
        if (variable is not null && Environment.GetEnvironmentVariable(variable) is { Length: > 0 } fromEnvironment)
        {
            return (fromEnvironment, variable);
        }

        // Our own endpoint choice (a local server, --api_base) usually needs no key; the SDKs still want a non-empty one.
        if (!route.Provider.NeedsKey || (settings.ApiBase is not null && route.Provider.Kind == ProviderKind.OpenAICompatible))
        {
            return ("no-key", null);
        }

        throw new MissingApiKeyException(route.Provider);
    }
}
