using OpenInterpreter.Core.Conversation;
using OpenInterpreter.Core.Settings;
using OpenInterpreter.Core.Tools;

namespace OpenInterpreter.Core.Mcp;

/// <summary>The MCP servers of the profile's <c>mcp_servers</c>, connected, and their tools ready to offer to the model.</summary>
public sealed class McpConnections : IAsyncDisposable
{
    private McpConnections(IReadOnlyList<McpClient> clients, IReadOnlyList<ITool> tools)
    {
        Clients = clients;
        Tools = tools;
    }

    public static McpConnections None { get; } = new([], []);

    public IReadOnlyList<McpClient> Clients { get; }

    public IReadOnlyList<ITool> Tools { get; }

    /// <summary>
    /// Starts every server (at once); one that fails ends the others and says which and why. Tool results are cut to
    /// <paramref name="maxOutput"/> characters, the whole kept under <paramref name="paths"/>' outputs, and have
    /// <paramref name="secrets"/> replaced (null: <c>redact_secrets</c> is off), as code output does.
    /// </summary>
    public static async Task<McpConnections> ConnectAsync(IReadOnlyList<McpServerConfig> servers, ICodeApprover approver, InterpreterPaths paths, int maxOutput, Safety.SecretRedactor? secrets, Action<string>? log, CancellationToken cancellationToken)
    {
        if (servers.Count == 0)
        {
            return None;
        }

        var starting = servers.Select(server => McpClient.ConnectAsync(server, log, cancellationToken)).ToList();
        try
        {
            await Task.WhenAll(starting).ConfigureAwait(false);
        }
        catch (InterpreterException)
        {
            foreach (var started in starting.Where(t => t.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync().ConfigureAwait(false);
            }

            throw starting.First(t => t.IsFaulted).Exception!.InnerException!;
        }

        var clients = starting.Select(t => t.Result).ToList();
        var tools = clients.SelectMany(client => client.Tools.Where(t => McpTool.IsValidName(t.Name) && McpTool.Prefix.Length + client.Config.Name.Length + 2 + t.Name.Length <= McpTool.MaxNameLength).Select(t => (ITool)new McpTool(client, t, approver, paths, maxOutput, secrets))).ToList();
        return new McpConnections(clients, tools);
    }

    /// <summary>What <c>%mcp</c> shows: each server and its tools as the model sees them.</summary>
    public string Describe() => Clients.Count == 0
        ? "No MCP servers: add them to the profile under mcp_servers."
        : string.Join("\n", Clients.Select(c =>
            $"{c.Config.Name} ({c.Config.Url ?? $"{c.Config.Command} {string.Join(' ', c.Config.Args)}"}): " +
            (c.Tools.Count == 0 ? "no tools" : string.Join(", ", c.Tools.Select(t => $"{McpTool.Prefix}{c.Config.Name}__{t.Name}")))));

    public async ValueTask DisposeAsync()
    {
        foreach (var client in Clients)
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }
    }
}
