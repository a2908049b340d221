using Microsoft.Extensions.AI;
using OllamaSharp;

namespace OpenInterpreter.Core.Models;

/// <summary>OllamaSharp against Ollama's own API, which streams tool calls and lists the pulled models.</summary>
internal static class OllamaClientFactory
{
    public static IChatClient Create(ModelRoute route, HttpClient http)
    {
        http.BaseAddress = route.Endpoint;
        return new OllamaToolResultsChatClient(new OllamaApiClient(http, route.ModelId));
    }
}
