using System.Text.Json;

namespace OpenInterpreter.Core.Mcp;

/// <summary>How JSON-RPC messages reach an MCP server: its process's stdio (<see cref="JsonRpcConnection"/>) or streamable HTTP (<see cref="McpHttpChannel"/>).</summary>
public interface IMcpChannel : IAsyncDisposable
{
    /// <summary>Sends a request and returns its result; a <see cref="JsonRpcException"/> for an error answer.</summary>
    Task<JsonElement> RequestAsync(string method, Action<Utf8JsonWriter>? parameters, CancellationToken cancellationToken);

    /// <summary>Sends a notification.</summary>
    Task NotifyAsync(string method, Action<Utf8JsonWriter>? parameters);
}
