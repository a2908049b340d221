using System.Text.Json;
using OpenInterpreter.Core.Settings;

namespace OpenInterpreter.Core.Mcp;

/// <summary>
/// One entry of the profile key <c>mcp_servers</c>: a server started as a process (<c>command</c>, <c>args</c>,
/// <c>env</c>; MCP's stdio transport) or reached at a <c>url</c> with <c>headers</c> (streamable HTTP).
/// </summary>
public sealed record McpServerConfig(
    string Name,
    string? Command,
    IReadOnlyList<string> Args,
    IReadOnlyDictionary<string, string> Env,
    string? Url,
    IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>Reads <c>{NAME: {command, args, env} | {url, headers}}</c> (the profile's mapping, as JSON).</summary>
    public static IReadOnlyList<McpServerConfig> ParseAll(string json, string location)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(json).RootElement;
        }
        catch (JsonException)
        {
            throw new SettingsException($"{location}: mcp_servers must be a mapping of server names to {{command, args, env}} or {{url, headers}}.");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new SettingsException($"{location}: mcp_servers must be a mapping of server names to {{command, args, env}} or {{url, headers}}.");
        }

        var servers = new List<McpServerConfig>();
        foreach (var server in root.EnumerateObject())
        {
            if (server.Value.ValueKind != JsonValueKind.Object || !McpTool.IsValidName(server.Name))
            {
                throw new SettingsException($"{location}: mcp_servers.{server.Name} must be a mapping with command or url (names: letters, digits, - and _).");
            }

            var command = Text(server.Value, "command");
            var url = Text(server.Value, "url");
            if ((command is null) == (url is null))
            {
                throw new SettingsException($"{location}: mcp_servers.{server.Name} needs either command (stdio) or url (streamable HTTP).");
            }

            var args = server.Value.TryGetProperty("args", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(a => a.ValueKind == JsonValueKind.String ? a.GetString() ?? "" : a.GetRawText()).ToList()
                : [];
            servers.Add(new McpServerConfig(server.Name, command, args, Map(server.Value, "env"), url, Map(server.Value, "headers")));
        }

        return servers;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Dictionary<string, string> Map(JsonElement element, string name) =>
        element.TryGetProperty(name, out var map) && map.ValueKind == JsonValueKind.Object
            ? map.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : p.Value.GetRawText())
            : [];
}
