using System.Text.Json;

namespace OpenInterpreter.Core.Mcp;

/// <summary>One tool an MCP server lists: its name, description and JSON schema for the arguments.</summary>
public sealed record McpToolInfo(string Name, string Description, JsonElement InputSchema)
{
    public static McpToolInfo? Read(JsonElement tool) =>
        tool.TryGetProperty("name", out var name) && name.GetString() is { Length: > 0 } text
            ? new McpToolInfo(
                text,
                tool.TryGetProperty("description", out var d) ? d.GetString() ?? "" : "",
                tool.TryGetProperty("inputSchema", out var s) ? s.Clone() : JsonDocument.Parse("{\"type\":\"object\"}").RootElement.Clone())
            : null;
}
