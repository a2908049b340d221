using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenInterpreter.Core.Conversation;
using OpenInterpreter.Core.Messages;
using OpenInterpreter.Core.Output;
using OpenInterpreter.Core.Settings;
using OpenInterpreter.Core.Tools;

namespace OpenInterpreter.Core.Mcp;

/// <summary>
/// One tool of an MCP server offered to the model as <c>mcp__SERVER__TOOL</c>. Each call is asked about like the
/// other tools' actions (<c>Call echo on MCP server everything? (y/n/a)</c>; <c>-y</c> allows it; the permission
/// rules <c>mcp__SERVER__TOOL</c> and <c>mcp__SERVER</c> decide it like code rules), and its result goes back to the
/// model: the text parts (and what resources say of themselves) as the output, bounded to <c>max_output</c> like code
/// output, with known secrets replaced as in code output (<c>redact_secrets</c>), and images as image messages.
/// </summary>
public sealed class McpTool(McpClient client, McpToolInfo tool, ICodeApprover approver, InterpreterPaths paths, int maxOutput, Safety.SecretRedactor? secrets) : ITool
{
    public const string Prefix = "mcp__";

    /// <summary>The longest function name OpenAI and Anthropic accept; a longer tool is not offered.</summary>
    public const int MaxNameLength = 64;

    /// <summary>Names OpenAI and Anthropic accept in a function name.</summary>
    public static bool IsValidName(string name) => name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public string FunctionName { get; } = $"{Prefix}{client.Config.Name}__{tool.Name}";

    public string Name => FunctionName;

    public AITool Declare() => AIFunctionFactory.CreateDeclaration(FunctionName, tool.Description, tool.InputSchema);

    public bool Handles(string functionName) => functionName == FunctionName;

    public async IAsyncEnumerable<LmcChunk> HandleAsync(ToolCall call, List<LmcMessage> conversation, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var arguments = call.RawArguments is { Length: > 0 } raw ? raw : call.Arguments is { } parsed ? ToolArgumentsJson.Write(parsed) : "{}";
        conversation.Add(new LmcMessage(LmcRole.Assistant, LmcType.Code, arguments, FunctionName));
        yield return new LmcChunk(LmcRole.Assistant, LmcType.Code, FunctionName, Start: true);
        yield return new LmcChunk(LmcRole.Assistant, LmcType.Code, FunctionName, arguments);
        yield return new LmcChunk(LmcRole.Assistant, LmcType.Code, FunctionName, End: true);

        var action = new ToolAction($"Call {tool.Name} on MCP server {client.Config.Name}?", $"{Safety.PermissionRule.Mcp}:{client.Config.Name}__{tool.Name}", $"The user declined the call to {FunctionName}.");
        var approval = await approver.ApproveActionAsync(action, cancellationToken).ConfigureAwait(false);
        string text;
        var images = new List<string>();
        if (!approval.Approved)
        {
            text = $"Error: {approval.DeclineReason ?? action.DeclinedText}";
        }
        else
        {
            try
            {
                var result = await client.CallAsync(tool.Name, arguments, cancellationToken).ConfigureAwait(false);
                text = Read(result, images);
            }
            catch (Exception e) when (e is JsonRpcException or IOException or JsonException)
            {
                text = $"Error: the MCP server {client.Config.Name} answered: {e.Message}";
            }
        }

        // A server can hand back what it read (a file, an environment): the model gets it without the secrets, the
        // screen shows it as it came and says how many were hidden.
        var (forModel, hidden) = secrets?.Redact(text) ?? (text, 0);
        conversation.Add(LmcMessage.ConsoleOutput(forModel));
        conversation.AddRange(images.Select(path => new LmcMessage(LmcRole.Computer, LmcType.Image, path, LmcFormat.Path)));
        foreach (var chunk in ToolResult.Output(hidden > 0 ? $"{text}\n[{hidden} secret{(hidden == 1 ? "" : "s")} hidden from the model]" : text))
        {
            yield return chunk;
        }

        foreach (var path in images)
        {
            yield return new LmcChunk(LmcRole.Computer, LmcType.Image, LmcFormat.Path, Start: true);
            yield return new LmcChunk(LmcRole.Computer, LmcType.Image, LmcFormat.Path, path);
            yield return new LmcChunk(LmcRole.Computer, LmcType.Image, LmcFormat.Path, End: true);
        }
    }

    /// <summary>The text parts of an MCP result (marked as an error when it is one); its PNG and JPEG images saved to files.</summary>
    private string Read(JsonElement result, List<string> images)
    {
        var text = new StringBuilder();
        if (result.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array)
        {
            foreach (var part in content.EnumerateArray())
            {
                var type = part.TryGetProperty("type", out var t) ? t.GetString() : null;
                if (type == "text" && part.TryGetProperty("text", out var value))
                {
                    text.Append(text.Length > 0 ? "\n" : "").Append(value.GetString());
                }
                else if (Describe(type, part) is { } description)
                {
                    text.Append(text.Length > 0 ? "\n" : "").Append(description);
                }
                else if (type == "image" && part.TryGetProperty("data", out var data) && data.TryGetBytesFromBase64(out var bytes))
                {
                    var filesDirectory = Path.Combine(paths.CacheDirectory, "files");
                    Directory.CreateDirectory(filesDirectory);
                    var extension = part.TryGetProperty("mimeType", out var mime) && mime.GetString() == "image/jpeg" ? "jpg" : "png";
                    var path = Path.Combine(filesDirectory, $"mcp-{client.Config.Name}-{Guid.NewGuid():N}.{extension}");
                    File.WriteAllBytes(path, bytes);
                    images.Add(path);
                }
            }
        }

        var said = text.Length == 0 ? "The tool returned no text." : Bounded(text.ToString());
        return result.TryGetProperty("isError", out var error) && error.ValueKind == JsonValueKind.True ? $"Error: {said}" : said;
    }

    /// <summary>
    /// The text of an embedded text resource, or a line naming a linked or binary resource, so that the model knows
    /// it is there; null for content with nothing to read (audio, unknown types).
    /// </summary>
    private static string? Describe(string? type, JsonElement part)
    {
        if (type == "resource" && part.TryGetProperty("resource", out var resource) && resource.ValueKind == JsonValueKind.Object)
        {
            var uri = resource.TryGetProperty("uri", out var u) ? u.GetString() : null;
            return resource.TryGetProperty("text", out var body) && body.ValueKind == JsonValueKind.String
                ? $"[resource {uri}]\n{body.GetString()}"
                : $"[resource {uri}: {(resource.TryGetProperty("mimeType", out var m) ? m.GetString() : "binary")} data, not shown]";
        }

        if (type == "resource_link" && part.TryGetProperty("uri", out var link))
        {
            var name = part.TryGetProperty("name", out var n) ? n.GetString() : null;
            var description = part.TryGetProperty("description", out var d) ? $": {d.GetString()}" : "";
            return $"[resource link {name} {link.GetString()}{description}]";
        }

        return null;
    }

    /// <summary>The text cut to <c>max_output</c> as code output is: head and tail, and the whole in a file named in the middle.</summary>
    private string Bounded(string text)
    {
        using var collector = new OutputCollector(maxOutput, paths.OutputsDirectory);
        collector.Append(text);
        return collector.ToModelText();
    }
}
