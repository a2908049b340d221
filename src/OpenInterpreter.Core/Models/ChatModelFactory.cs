using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenInterpreter.Core.Settings;

namespace OpenInterpreter.Core.Models;

/// <summary>Builds the model client for the settings: the official OpenAI SDK behind Microsoft.Extensions.AI.</summary>
public static class ChatModelFactory
{
    /// <summary>Creates the client; <paramref name="verboseLog"/>, when given, receives each request and raw chunk.</summary>
    public static ChatModel Create(ModelSettings settings, Action<string>? verboseLog = null)
    {
        var route = ModelRoute.Resolve(settings);
        var (key, keySource) = ResolveKey(settings, route);

        var options = new OpenAIClientOptions
        {
            // Replies stream for minutes on slow local models; the SDK's 100 s default would cut them off.
            NetworkTimeout = TimeSpan.FromMinutes(10),
        };
        if (route.Endpoint is not null)
        {
            options.Endpoint = route.Endpoint;
        }

        if (verboseLog is not null)
        {
            // The SDK applies NetworkTimeout itself; HttpClient's own 100 s limit would cut a slow first token.
            options.Transport = new HttpClientPipelineTransport(new HttpClient(new VerboseHttpHandler(verboseLog, key)) { Timeout = Timeout.InfiniteTimeSpan });
        }

        IChatClient client = new OpenAIClient(new ApiKeyCredential(key), options).GetChatClient(route.ModelId).AsIChatClient();
        client = new OpenAIToolCallFragmentsChatClient(client);
        return new ChatModel(client, route, keySource);
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

        // Our own endpoint choice (a local server, --api_base) usually needs no key; the SDK still wants a non-empty one.
        if (!route.Provider.NeedsKey || settings.ApiBase is not null)
        {
            return ("no-key", null);
        }

        throw new MissingApiKeyException(route.Provider);
    }
}
