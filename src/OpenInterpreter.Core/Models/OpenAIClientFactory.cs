using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;

namespace OpenInterpreter.Core.Models;

/// <summary>
/// The official OpenAI SDK for OpenAI, Azure and every OpenAI-compatible server. The HTTP client given must have a
/// <see cref="DoneLineWatcher"/> on its pipeline for <see cref="OpenAIStreamEndChatClient"/> to see <c>[DONE]</c>.
/// </summary>
internal static class OpenAIClientFactory
{
    public static IChatClient Create(ModelRoute route, string key, HttpClient http)
    {
        var options = new OpenAIClientOptions
        {
            Transport = new HttpClientPipelineTransport(http),

            // RetryingChatClient retries visibly; the SDK's own retries would be silent and multiply with ours.
            RetryPolicy = new ClientRetryPolicy(0),
            NetworkTimeout = http.Timeout,
        };
        if (route.Endpoint is not null)
        {
            options.Endpoint = route.Provider.Kind == ProviderKind.Azure
                ? new Uri(route.Endpoint, $"openai/deployments/{Uri.EscapeDataString(route.ModelId)}/")
                : route.Endpoint;
        }

        IChatClient client = new OpenAIClient(new ApiKeyCredential(key), options).GetChatClient(route.ModelId).AsIChatClient();
        return new OpenAIStreamEndChatClient(new OpenAIToolCallFragmentsChatClient(client));
    }
}
