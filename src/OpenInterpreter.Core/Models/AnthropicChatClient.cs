using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenInterpreter.Core.Tools.Gui;

namespace OpenInterpreter.Core.Models;

/// <summary>
/// Anthropic's Messages API (<c>/v1/messages</c>) behind <see cref="IChatClient"/>: the system prompt, tools,
/// <c>max_tokens</c>, and the streamed events (text deltas, and tool input arriving as <c>input_json_delta</c>
/// fragments, handed on as <see cref="ToolCallFragment"/>s so code shows while it is written); a
/// <see cref="ScreenToolDeclaration"/> goes out as Claude's native computer-use tool. Written on
/// <see cref="Utf8JsonWriter"/> and <see cref="JsonDocument"/> because the official SDK serializes by reflection,
/// which a Native AOT binary cannot do.
/// </summary>
public sealed class AnthropicChatClient(HttpClient http, Uri baseUrl, string apiKey, string model, int defaultMaxTokens) : IChatClient
{
    /// <summary>The API version every request names, as Anthropic requires.</summary>
    public const string ApiVersion = "2023-06-01";

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken).ConfigureAwait(false);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, "v1/messages"))
        {
            Content = new StringContent(RequestBody(messages.ToList(), options), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-api-key", apiKey);
        request.Headers.Add("anthropic-version", ApiVersion);
        if (options?.Tools?.Any(t => t is ScreenToolDeclaration) == true)
        {
            request.Headers.Add("anthropic-beta", AnthropicComputerTool.For(model).BetaHeader);
        }
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await ModelHttpException.ThrowIfFailedAsync(response, cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), Encoding.UTF8);

        var tools = new Dictionary<int, (string Id, string Name, StringBuilder Input)>();
        var calls = new List<FunctionCallContent>();
        var named = false;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (!line.StartsWith("data:", StringComparison.Ordinal))
            {
                continue;
            }

            using var document = StreamEventJson.Parse(line[5..], "Anthropic", baseUrl.ToString());
            var root = document.RootElement;
            var update = root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "message_stop"
                ? End(tools, calls, named)
                : Read(root, tools);
            if (update is not null)
            {
                named |= update.FinishReason is not null;
                calls.AddRange(update.Contents.OfType<FunctionCallContent>());
                yield return update;
            }
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose() => http.Dispose();

    /// <summary>One server-sent event as an update, or null for events that carry nothing for the caller.</summary>
    private ChatResponseUpdate? Read(JsonElement e, Dictionary<int, (string Id, string Name, StringBuilder Input)> tools)
    {
        var type = e.TryGetProperty("type", out var t) ? t.GetString() : null;
        var index = e.TryGetProperty("index", out var i) && i.ValueKind == JsonValueKind.Number ? i.GetInt32() : 0;
        switch (type)
        {
            case "content_block_start" when e.GetProperty("content_block") is var block && block.GetProperty("type").GetString() == "tool_use":
                var id = block.GetProperty("id").GetString() ?? $"toolu_{index}";
                var name = block.GetProperty("name").GetString() ?? "";
                tools[index] = (id, name, new StringBuilder());
                return Update(new ToolCallFragment(index, id, name, ""));

            case "content_block_delta":
                var delta = e.GetProperty("delta");
                switch (delta.GetProperty("type").GetString())
                {
                    case "text_delta":
                        return Update(new TextContent(delta.GetProperty("text").GetString()));
                    case "input_json_delta" when tools.TryGetValue(index, out var tool):
                        var piece = delta.GetProperty("partial_json").GetString() ?? "";
                        tool.Input.Append(piece);
                        return Update(new ToolCallFragment(index, null, null, piece));
                }

                return null;

            case "content_block_stop" when tools.Remove(index, out var finished):
                return Update(Call(finished));

            case "message_delta" when e.GetProperty("delta").TryGetProperty("stop_reason", out var stop) && stop.ValueKind == JsonValueKind.String:
                return new ChatResponseUpdate(ChatRole.Assistant, []) { ModelId = model, FinishReason = stop.GetString() switch
                {
                    "max_tokens" => ChatFinishReason.Length,
                    "tool_use" => ChatFinishReason.ToolCalls,
                    "refusal" => ChatFinishReason.ContentFilter,
                    _ => ChatFinishReason.Stop,
                }};

            case "error":
                // An error in the middle of a stream (overloaded, …): the same as an HTTP error, so it is retried or explained alike.
                var kind = e.GetProperty("error").TryGetProperty("type", out var k) ? k.GetString() : null;
                throw new ModelHttpException(kind switch { "overloaded_error" => 529, "rate_limit_error" => 429, _ => 500 }, e.GetRawText());

            default:
                return null;
        }
    }

    private ChatResponseUpdate Update(AIContent content) => new(ChatRole.Assistant, [content]) { ModelId = model };

    /// <summary>A finished tool block as a call; its arguments are null when its input is not a whole JSON object.</summary>
    private static FunctionCallContent Call((string Id, string Name, StringBuilder Input) block) =>
        new(block.Id, block.Name, ChatJson.ReadArguments(block.Input.ToString()));

    /// <summary>
    /// The end of the message (<c>message_stop</c>): a tool block still open is closed as its <c>content_block_stop</c>
    /// would have; when no <c>message_delta</c> named a stop reason (proxies that rebuild this stream from another
    /// provider's send none), the end gives the reason. Null when there is nothing to add.
    /// </summary>
    private ChatResponseUpdate? End(Dictionary<int, (string Id, string Name, StringBuilder Input)> tools, List<FunctionCallContent> calls, bool named)
    {
        var closed = tools.OrderBy(t => t.Key).Select(t => Call(t.Value)).ToList();
        tools.Clear();
        if (named)
        {
            return closed.Count == 0 ? null : new ChatResponseUpdate(ChatRole.Assistant, [.. closed]) { ModelId = model };
        }

        var all = calls.Concat(closed).ToList();
        return UnnamedFinishReason.Update(all.Count, all.All(c => c.Arguments is not null), [.. closed], model);
    }

    private string RequestBody(List<ChatMessage> messages, ChatOptions? options) => ChatJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("model", model);
        w.WriteNumber("max_tokens", options?.MaxOutputTokens ?? defaultMaxTokens);
        w.WriteBoolean("stream", true);
        if (options?.Temperature is { } temperature)
        {
            w.WriteNumber("temperature", temperature);
        }

        var system = string.Join("\n\n", messages.Where(m => m.Role == ChatRole.System).Select(m => m.Text));
        if (system.Length > 0)
        {
            w.WriteString("system", system);
        }

        if (options?.Tools is { Count: > 0 } tools)
        {
            w.WriteStartArray("tools");
            foreach (var tool in tools)
            {
                w.WriteStartObject();
                if (tool is ScreenToolDeclaration screen)
                {
                    // Claude is trained on its own computer-use tool: the same actions, with the screen size given
                    // here instead of a schema.
                    w.WriteString("type", AnthropicComputerTool.For(model).Type);
                    w.WriteString("name", AnthropicComputerTool.Name);
                    w.WriteNumber("display_width_px", screen.DisplayWidth);
                    w.WriteNumber("display_height_px", screen.DisplayHeight);
                    w.WriteEndObject();
                    continue;
                }

                w.WriteString("name", tool.Name);
                w.WriteString("description", tool.Description);
                w.WritePropertyName("input_schema");
                ChatJson.WriteSchema(w, tool);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteStartArray("messages");
        foreach (var (role, blocks) in Turns(messages))
        {
            w.WriteStartObject();
            w.WriteString("role", role);
            w.WriteStartArray("content");
            foreach (var block in blocks)
            {
                WriteBlock(w, block);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>
    /// The conversation as Anthropic wants it: only user and assistant turns, alternating, tool results inside the
    /// user turn that follows the call, no empty text. An image that follows a tool result (a screenshot after an
    /// action, a plot) goes inside that <c>tool_result</c>, as computer use expects its screenshots.
    /// </summary>
    private static List<(string Role, List<AIContent> Blocks)> Turns(IEnumerable<ChatMessage> messages)
    {
        var turns = new List<(string Role, List<AIContent> Blocks)>();
        foreach (var message in messages.Where(m => m.Role != ChatRole.System))
        {
            var role = message.Role == ChatRole.Assistant ? "assistant" : "user";
            var images = message.Contents.OfType<DataContent>().Where(d => d.HasTopLevelMediaType("image")).ToList();
            if (role == "user" && images.Count > 0 && turns is [.., ("user", [.., ToolResultWithImages result])])
            {
                // The caption beside the image only says what the tool result already does.
                result.Images.AddRange(images);
                continue;
            }

            var blocks = message.Contents
                .Select(c => c is FunctionResultContent r ? new ToolResultWithImages(r) : c)
                .Where(c => c is FunctionCallContent or ToolResultWithImages or TextContent { Text.Length: > 0 } || c is DataContent d && d.HasTopLevelMediaType("image"))
                .ToList();
            if (blocks.Count == 0)
            {
                continue;
            }

            if (turns.Count > 0 && turns[^1].Role == role)
            {
                turns[^1].Blocks.AddRange(blocks);
            }
            else
            {
                turns.Add((role, blocks));
            }
        }

        return turns;
    }

    private static void WriteBlock(Utf8JsonWriter w, AIContent block)
    {
        w.WriteStartObject();
        switch (block)
        {
            case TextContent text:
                w.WriteString("type", "text");
                w.WriteString("text", text.Text);
                break;
            case FunctionCallContent call:
                w.WriteString("type", "tool_use");
                w.WriteString("id", call.CallId);
                w.WriteString("name", call.Name);
                w.WritePropertyName("input");
                ChatJson.WriteArguments(w, call.Arguments);
                break;
            case ToolResultWithImages { Images.Count: 0 } result:
                w.WriteString("type", "tool_result");
                w.WriteString("tool_use_id", result.Result.CallId);
                w.WriteString("content", ChatJson.ResultText(result.Result));
                break;
            case ToolResultWithImages result:
                w.WriteString("type", "tool_result");
                w.WriteString("tool_use_id", result.Result.CallId);
                w.WriteStartArray("content");
                WriteBlock(w, new TextContent(ChatJson.ResultText(result.Result)));
                foreach (var image in result.Images)
                {
                    WriteBlock(w, image);
                }

                w.WriteEndArray();
                break;
            case DataContent image:
                w.WriteString("type", "image");
                w.WriteStartObject("source");
                w.WriteString("type", "base64");
                w.WriteString("media_type", image.MediaType);
                w.WriteString("data", image.Base64Data.Span);
                w.WriteEndObject();
                break;
        }

        w.WriteEndObject();
    }

    /// <summary>A tool result and the images that came after it, written as one <c>tool_result</c> block.</summary>
    private sealed class ToolResultWithImages(FunctionResultContent result) : AIContent
    {
        public FunctionResultContent Result { get; } = result;

        public List<DataContent> Images { get; } = [];
    }
}
