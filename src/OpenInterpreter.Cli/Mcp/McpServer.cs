using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenInterpreter.Core.Conversation;
using OpenInterpreter.Core.Languages;
using OpenInterpreter.Core.Mcp;
using OpenInterpreter.Core.Messages;
using OpenInterpreter.Core.Safety;
using OpenInterpreter.Core.Settings;
using OpenInterpreter.Core.Tools;

namespace OpenInterpreter.Cli.Mcp;

/// <summary>
/// <c>interpreter --mcp</c>: serves our tools over MCP's stdio transport (JSON-RPC, one message a line) so Claude Code,
/// Codex or Claude Desktop can use the stateful sessions: <c>execute(language, code)</c> and the file editor
/// (<c>str_replace_editor</c>). Calls go through the same tools as the model's, so the output bounds, the run time-out
/// and the confirmation policy are the same: under <c>-y</c> code runs; without it every run is refused with the reason
/// (an MCP server has nobody to ask). Calls run one at a time, in one set of sessions kept for the whole connection.
/// </summary>
internal sealed class McpServer(ToolSet tools, string version)
{
    private static readonly string[] Versions = ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"];

    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public static async Task<int> RunAsync(InterpreterSettings settings, InterpreterPaths paths, Sandbox? sandbox)
    {
        await using var languages = new LanguageRegistry { FilesDirectory = Path.Combine(paths.CacheDirectory, "files"), Sandbox = sandbox };
        ICodeApprover approver = settings.AutoRun
            ? new AutoApprover()
            : new DecliningApprover("The code was not run: the interpreter's MCP server runs code only when started with -y (interpreter --mcp -y).");
        var offered = settings with { Tools = [ToolNames.Interpreter, ToolNames.Editor] };
        // Deny rules and the danger check hold here as at the terminal; nobody can be asked, so a high finding is declined.
        approver = new SafetyGate(approver, new DecliningApprover("The code was not run: nobody can be asked over MCP."), SafetyPolicy.ForCurrentUser(settings));
        var server = new McpServer(ToolSet.Create(languages, approver, offered, paths), typeof(McpServer).Assembly.GetName().Version?.ToString(3) ?? "0");
        await using var connection = new JsonRpcConnection(Console.OpenStandardInput(), Console.OpenStandardOutput())
        {
            OnRequest = server.HandleAsync,
        };
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        try
        {
            await connection.RunAsync(stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }

        return ExitCodes.Done;
    }

    private async Task<Action<Utf8JsonWriter>> HandleAsync(string method, JsonElement parameters, CancellationToken cancellationToken)
    {
        switch (method)
        {
            case "initialize":
                var asked = parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty("protocolVersion", out var v) ? v.GetString() : null;
                var agreed = asked is not null && Versions.Contains(asked) ? asked : Versions[1];
                return json =>
                {
                    json.WriteString("protocolVersion", agreed);
                    json.WriteStartObject("capabilities");
                    json.WriteStartObject("tools");
                    json.WriteEndObject();
                    json.WriteEndObject();
                    json.WriteStartObject("serverInfo");
                    json.WriteString("name", "open-interpreter");
                    json.WriteString("version", version);
                    json.WriteEndObject();
                    json.WriteString("instructions", "Runs code on this machine in stateful sessions (variables, the folder and the environment stay between calls).");
                };
            case "ping":
                return _ => { };
            case "tools/list":
                return WriteToolList;
            case "tools/call":
                return await CallAsync(parameters, cancellationToken).ConfigureAwait(false);
            default:
                throw new JsonRpcException(JsonRpcException.MethodNotFound, $"Method not found: {method}");
        }
    }

    private void WriteToolList(Utf8JsonWriter json)
    {
        json.WriteStartArray("tools");
        foreach (var declaration in tools.Declare().OfType<AIFunctionDeclaration>())
        {
            json.WriteStartObject();
            json.WriteString("name", declaration.Name);
            json.WriteString("description", declaration.Description);
            json.WritePropertyName("inputSchema");
            declaration.JsonSchema.WriteTo(json);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private async Task<Action<Utf8JsonWriter>> CallAsync(JsonElement parameters, CancellationToken cancellationToken)
    {
        var name = parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty("name", out var n) ? n.GetString() : null;
        if (name is null || tools.Find(name) is not { } tool || tools.Declare().All(d => d.Name != name))
        {
            throw new JsonRpcException(JsonRpcException.InvalidParams, $"Unknown tool: {name}. The tools are: {string.Join(", ", tools.Declare().Select(d => d.Name))}.");
        }

        var arguments = parameters.TryGetProperty("arguments", out var a) && a.ValueKind == JsonValueKind.Object ? a.GetRawText() : "{}";
        var conversation = new List<LmcMessage>();
        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await foreach (var _ in tool.HandleAsync(new ToolCall(name, null, arguments), conversation, cancellationToken).ConfigureAwait(false))
            {
                // The chunks are for a screen; the client gets the result the model would have got.
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client cancelled: the run was interrupted; what it printed is still the answer.
        }
        finally
        {
            _oneAtATime.Release();
        }

        var text = conversation.LastOrDefault(m => m.Type == LmcType.Console)?.Content ?? "The tool returned nothing.";
        var images = conversation.Where(m => m is { Type: LmcType.Image, Format: LmcFormat.Path } && File.Exists(m.Content)).Select(m => m.Content).ToList();
        var failed = text.StartsWith("Error:", StringComparison.Ordinal) || text.StartsWith("The code was not run", StringComparison.Ordinal)
            || text.StartsWith("Language ", StringComparison.Ordinal);
        return json =>
        {
            json.WriteStartArray("content");
            json.WriteStartObject();
            json.WriteString("type", "text");
            json.WriteString("text", text);
            json.WriteEndObject();
            foreach (var image in images)
            {
                json.WriteStartObject();
                json.WriteString("type", "image");
                json.WriteBase64String("data", File.ReadAllBytes(image));
                json.WriteString("mimeType", "image/png");
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteBoolean("isError", failed);
        };
    }
}
