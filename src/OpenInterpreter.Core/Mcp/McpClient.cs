using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using SdkClient = ModelContextProtocol.Client.McpClient;

namespace OpenInterpreter.Core.Mcp;

/// <summary>
/// A connection to one MCP server, started as a process (stdio transport) or reached at a URL (streamable HTTP),
/// spoken with the official <c>ModelContextProtocol.Core</c> SDK: the handshake, its tool list, and calls. Ending it
/// ends the process or the HTTP session.
/// </summary>
public sealed class McpClient : IAsyncDisposable
{
    private readonly SdkClient _client;

    private McpClient(McpServerConfig config, SdkClient client, IReadOnlyList<McpToolInfo> tools)
    {
        Config = config;
        _client = client;
        Tools = tools;
    }

    public McpServerConfig Config { get; }

    /// <summary>The tools the server offers, as it listed them at the start.</summary>
    public IReadOnlyList<McpToolInfo> Tools { get; }

    /// <summary>Starts the server, does MCP's handshake and reads its tools; a server that fails to start says why.</summary>
    public static async Task<McpClient> ConnectAsync(McpServerConfig config, Action<string>? log, CancellationToken cancellationToken)
    {
        var transport = Transport(config, log);
        SdkClient? client = null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            var options = new McpClientOptions { ClientInfo = new Implementation { Name = "open-interpreter", Version = typeof(McpClient).Assembly.GetName().Version?.ToString(3) ?? "0" } };
            client = await SdkClient.CreateAsync(transport, options, cancellationToken: timeout.Token).ConfigureAwait(false);
            var listed = await client.ListToolsAsync(cancellationToken: timeout.Token).ConfigureAwait(false);
            var tools = listed.Select(t => new McpToolInfo(t.ProtocolTool.Name, t.ProtocolTool.Description ?? "", t.ProtocolTool.InputSchema)).ToList();
            return new McpClient(config, client, tools);
        }
        catch (Exception e) when (e is IOException or McpException or OperationCanceledException or HttpRequestException or JsonException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            if (client is not null)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }

            throw new InterpreterException($"MCP server {config.Name} did not start: {e.Message}", "Run its command by hand (or check its URL) to see why, or use --verbose.");
        }
    }

    /// <summary>The SDK's transport for a stdio server's process or a streamable HTTP URL.</summary>
    private static IClientTransport Transport(McpServerConfig config, Action<string>? log)
    {
        if (config.Url is { } url)
        {
            return new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : throw new InterpreterException($"MCP server {config.Name}: '{url}' is not a URL."),
                TransportMode = HttpTransportMode.StreamableHttp,
                AdditionalHeaders = config.Headers.ToDictionary(),
                Name = config.Name,
            });
        }

        return new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = config.Command!,
            Arguments = [.. config.Args],
            EnvironmentVariables = config.Env.ToDictionary(p => p.Key, p => (string?)p.Value),
            Name = config.Name,
            // Its stderr is its log: handed to the log (never to our stdout, which may be a protocol of its own).
            StandardErrorLines = line => log?.Invoke($"mcp {config.Name}: {line}"),
            ShutdownTimeout = TimeSpan.FromSeconds(2),
        });
    }

    /// <summary>Calls <paramref name="tool"/> with arguments given as a JSON object; returns MCP's result object.</summary>
    public async Task<JsonElement> CallAsync(string tool, string argumentsJson, CancellationToken cancellationToken)
    {
        using var arguments = JsonDocument.Parse(argumentsJson.Trim().Length == 0 ? "{}" : argumentsJson);
        var values = arguments.RootElement.ValueKind == JsonValueKind.Object
            ? arguments.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone())
            : [];
        try
        {
            var result = await _client.CallToolAsync(new CallToolRequestParams { Name = tool, Arguments = values }, cancellationToken).ConfigureAwait(false);
            // The result as MCP's JSON, which McpTool reads: the SDK's own source-generated contract, no reflection.
            return JsonSerializer.SerializeToElement(result, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(CallToolResult)));
        }
        catch (McpException e)
        {
            throw new JsonRpcException(JsonRpcException.InternalError, e.Message);
        }
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
