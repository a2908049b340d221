using System.Diagnostics;
using System.Text.Json;

namespace OpenInterpreter.Core.Mcp;

/// <summary>
/// A connection to one MCP server, started as a process (stdio transport) or reached at a URL (streamable HTTP):
/// the handshake, its tool list, and calls. Ending it ends the process or the HTTP session.
/// </summary>
public sealed class McpClient : IAsyncDisposable
{
    private const string ProtocolVersion = "2025-06-18";

    private readonly Process? _process;
    private readonly IMcpChannel _connection;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading = Task.CompletedTask;

    private McpClient(McpServerConfig config, Process process)
    {
        Config = config;
        _process = process;
        var connection = new JsonRpcConnection(process.StandardOutput.BaseStream, process.StandardInput.BaseStream);
        _connection = connection;
        _reading = connection.RunAsync(_stop.Token);
    }

    private McpClient(McpServerConfig config, IMcpChannel channel)
    {
        Config = config;
        _connection = channel;
    }

    public McpServerConfig Config { get; }

    /// <summary>The tools the server offers, as it listed them at the start.</summary>
    public IReadOnlyList<McpToolInfo> Tools { get; private set; } = [];

    /// <summary>Starts the server, does MCP's handshake and reads its tools; a server that fails to start says why.</summary>
    public static async Task<McpClient> ConnectAsync(McpServerConfig config, Action<string>? log, CancellationToken cancellationToken)
    {
        var client = config.Url is { } url
            ? new McpClient(config, new McpHttpChannel(Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : throw new InterpreterException($"MCP server {config.Name}: '{url}' is not a URL."), config.Headers))
            : Start(config, log);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            await client._connection.RequestAsync("initialize", json =>
            {
                json.WriteString("protocolVersion", ProtocolVersion);
                json.WriteStartObject("capabilities");
                json.WriteEndObject();
                json.WriteStartObject("clientInfo");
                json.WriteString("name", "open-interpreter");
                json.WriteString("version", typeof(McpClient).Assembly.GetName().Version?.ToString(3));
                json.WriteEndObject();
            }, timeout.Token).ConfigureAwait(false);
            await client._connection.NotifyAsync("notifications/initialized", null).ConfigureAwait(false);
            var listed = await client._connection.RequestAsync("tools/list", null, timeout.Token).ConfigureAwait(false);
            client.Tools = listed.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array
                ? tools.EnumerateArray().Select(McpToolInfo.Read).OfType<McpToolInfo>().ToList()
                : [];
            return client;
        }
        catch (Exception e) when (e is IOException or JsonRpcException or OperationCanceledException or HttpRequestException or JsonException)
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw new InterpreterException($"MCP server {config.Name} did not start: {e.Message}", "Run its command by hand (or check its URL) to see why, or use --verbose.");
        }
    }

    /// <summary>Starts a stdio server's process.</summary>
    private static McpClient Start(McpServerConfig config, Action<string>? log)
    {
        var start = new ProcessStartInfo(config.Command!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in config.Args)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in config.Env)
        {
            start.Environment[key] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("no process");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new InterpreterException($"MCP server {config.Name}: could not start '{config.Command}': {e.Message}", "Check mcp_servers in the profile.");
        }

        // Its stderr is its log: handed to the log (never to our stdout, which may be a protocol of its own).
        _ = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                log?.Invoke($"mcp {config.Name}: {line}");
            }
        }, CancellationToken.None);

        return new McpClient(config, process);
    }

    /// <summary>Calls <paramref name="tool"/> with arguments given as a JSON object; returns MCP's result object.</summary>
    public Task<JsonElement> CallAsync(string tool, string argumentsJson, CancellationToken cancellationToken)
    {
        using var arguments = JsonDocument.Parse(argumentsJson.Trim().Length == 0 ? "{}" : argumentsJson);
        var copy = arguments.RootElement.Clone();
        return _connection.RequestAsync("tools/call", json =>
        {
            json.WriteString("name", tool);
            json.WritePropertyName("arguments");
            copy.WriteTo(json);
        }, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            try
            {
                _process.StandardInput.Close();
            }
            catch (IOException)
            {
            }

            if (!_process.WaitForExit(TimeSpan.FromSeconds(2)))
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _connection.DisposeAsync().ConfigureAwait(false);
        _process?.Dispose();
        _stop.Dispose();
    }
}
