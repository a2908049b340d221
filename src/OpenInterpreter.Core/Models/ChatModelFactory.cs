using System.Runtime.CompilerServices;
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
            // LLamaSharp is not Native AOT clean (reflection-based JSON converters, Assembly.Location), so the AOT
            // binary leaves it out: under AOT this branch is constant and the compiler drops the engine entirely.
            // A model too big for the machine can take for ever over the prompt or a token: the same limits as a server's.
            return RuntimeFeature.IsDynamicCodeSupported
                ? new ChatModel(new IdleTimeoutChatClient(EmbeddedClientFactory.Create(route, settings, verboseLog), settings.FirstTokenTimeout, settings.IdleTimeout, route.EndpointText), route, null) { SupportsTools = false, DefaultMaxTokens = EmbeddedChatClient.DefaultMaxTokens }
                : throw new InterpreterException(
                    "This Native AOT build of interpreter cannot run GGUF files in-process.",
                    "Use the framework-dependent build (OI_NO_AOT=1 ./interpreter, or the dotnet tool), or serve the file with Ollama, LM Studio or llama.cpp and use --local.");
        }

        var (key, keySource) = ResolveKey(settings, route);
        HttpMessageHandler handler = verboseLog is null ? new SocketsHttpHandler() : new VerboseHttpHandler(verboseLog, key);
        handler = new HtmlReplyGuard(handler, route.EndpointText);
        if (route.Provider.Kind is ProviderKind.OpenAICompatible or ProviderKind.Azure)
        {
            handler = new DoneLineWatcher(new FinishReasonFilter(handler));
        }

        if (route.Provider.Kind == ProviderKind.Azure)
        {
            handler = new AzureRequestHandler(handler, key, AzureRequestHandler.ApiVersionFor(settings));
        }

        if (MaxTokensRenamer.AppliesTo(route))
        {
            handler = new MaxTokensRenamer(handler);
        }

        var recorder = new RetryAfterRecorder(handler);

        // Replies stream for minutes on slow local models; the usual 100 s default would cut them off.
        var http = new HttpClient(recorder) { Timeout = TimeSpan.FromMinutes(10) };
        IChatClient client = route.Provider.Kind switch
        {
            ProviderKind.Anthropic => new AnthropicChatClient(http, ApiRoot(route.Endpoint!), key, route.ModelId, settings.MaxTokens ?? AnthropicDefaultMaxTokens),
            ProviderKind.Ollama => new OllamaChatClient(http, ApiRoot(route.Endpoint!), route.ModelId, settings.ContextWindow),
            _ => OpenAIClientFactory.Create(route, key, http),
        };
        // Inside the retries: a stall is reported, not retried (the same request would likely stall again).
        client = new IdleTimeoutChatClient(client, settings.FirstTokenTimeout, settings.IdleTimeout, route.EndpointText);
        return new ChatModel(new RetryingChatClient(client, recorder, onRetry), route, keySource)
        {
            DefaultMaxTokens = route.Provider.Kind == ProviderKind.Anthropic ? AnthropicDefaultMaxTokens : null,
        };
    }

    /// <summary>Anthropic requires max_tokens on every request; used when none is set.</summary>
    public const int AnthropicDefaultMaxTokens = 4096;

    /// <summary>
    /// The server's root, where Anthropic's <c>v1/messages</c> and Ollama's <c>api/chat</c> are added: with a
    /// trailing slash, and without a <c>/v1</c> a user may have given out of habit.
    /// </summary>
    private static Uri ApiRoot(Uri endpoint)
    {
        var text = endpoint.ToString().TrimEnd('/');
        if (text.EndsWith("/v1", StringComparison.Ordinal))
        {
            text = text[..^3];
        }

        return new Uri(text + "/");
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
