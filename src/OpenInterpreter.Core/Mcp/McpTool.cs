using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenInterpreter.Core.Conversation;
using OpenInterpreter.Core.Messages;
using OpenInterpreter.Core.Tools;

namespace OpenInterpreter.Core.Mcp;

/// <summary>
/// One tool of an MCP server offered to the model as <c>mcp__SERVER__TOOL</c>. Each call is asked about like the
/// other tools' actions (<c>Call echo on MCP server everything? (y/n/a)</c>; <c>-y</c> allows it), and its result goes
/// back to the model: the text parts as the output, images as image messages.
/// </summary>
public sealed class McpTool(McpClient client, McpToolInfo tool, ICodeApprover approver, string filesDirectory) : ITool
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

        var action = new ToolAction($"Call {tool.Name} on MCP server {client.Config.Name}?", FunctionName, $"The user declined the call to {FunctionName}.");
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

        conversation.Add(LmcMessage.ConsoleOutput(text));
        conversation.AddRange(images.Select(path => new LmcMessage(LmcRole.Computer, LmcType.Image, path, LmcFormat.Path)));
        foreach (var chunk in ToolResult.Output(text))
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
                else if (type == "image" && part.TryGetProperty("data", out var data) && data.TryGetBytesFromBase64(out var bytes))
                {
                    Directory.CreateDirectory(filesDirectory);
                    var extension = part.TryGetProperty("mimeType", out var mime) && mime.GetString() == "image/jpeg" ? "jpg" : "png";
                    var path = Path.Combine(filesDirectory, $"mcp-{client.Config.Name}-{Guid.NewGuid():N}.{extension}");
                    File.WriteAllBytes(path, bytes);
                    images.Add(path);
                }
            }
        }

        var said = text.Length == 0 ? "The tool returned no text." : text.ToString();
        return result.TryGetProperty("isError", out var error) && error.ValueKind == JsonValueKind.True ? $"Error: {said}" : said;
    }
}
