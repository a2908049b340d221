using Microsoft.Extensions.AI;

namespace OpenInterpreter.Core.Models;

/// <summary>A ready model client with what it was built from, so errors can name the endpoint and the key to fix.</summary>
public sealed class ChatModel(IChatClient client, ModelRoute route, string? keySource) : IDisposable
{
    public IChatClient Client { get; } = client;

    public ModelRoute Route { get; } = route;

    /// <summary>Where the key came from (<c>--api_key</c>, an environment variable name), or null when none was used.</summary>
    public string? KeySource { get; } = keySource;

    /// <summary>False for models that cannot be offered tools at all (the embedded engine): they always get text mode.</summary>
    public bool SupportsTools { get; init; } = true;

    /// <summary>
    /// The reply limit the client sends when <c>max_tokens</c> is not set (Anthropic requires one, the embedded engine
    /// has its own); null where the provider's own limit applies, which we do not know.
    /// </summary>
    public int? DefaultMaxTokens { get; init; }

    public void Dispose() => Client.Dispose();
}
