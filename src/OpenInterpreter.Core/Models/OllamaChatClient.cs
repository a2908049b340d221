using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace OpenInterpreter.Core.Models;

/// <summary>
/// Ollama's own chat API (<c>/api/chat</c>, newline-delimited JSON) behind <see cref="IChatClient"/>: streaming
/// text, tool calls (Ollama sends each whole, with its arguments as an object), <c>num_predict</c> and
/// <c>num_ctx</c>. Written on <see cref="Utf8JsonWriter"/> and <see cref="JsonDocument"/> to stay Native AOT clean.
/// </summary>
public sealed class OllamaChatClient(HttpClient http, Uri baseUrl, string model, int? contextWindow) : IChatClient
{
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken).ConfigureAwait(false);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, "api/chat"))
        {
            Content = new StringContent(RequestBody(messages, options), Encoding.UTF8, "application/json"),
        };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await ModelHttpException.ThrowIfFailedAsync(response, cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), Encoding.UTF8);

        var calls = 0;
        var complete = true;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var document = StreamEventJson.Parse(line, "Ollama", baseUrl.ToString());
            var root = document.RootElement;
            if (root.TryGetProperty("error", out var error))
            {
                throw new ModelHttpException(500, root.GetRawText());
            }

            var contents = new List<AIContent>();
            if (root.TryGetProperty("message", out var message))
            {
                if (message.TryGetProperty("content", out var content) && content.GetString() is { Length: > 0 } text)
                {
                    contents.Add(new TextContent(text));
                }

                if (message.TryGetProperty("tool_calls", out var toolCalls) && toolCalls.ValueKind == JsonValueKind.Array)
                {
                    foreach (var call in toolCalls.EnumerateArray())
                    {
                        var function = call.GetProperty("function");
                        var arguments = function.TryGetProperty("arguments", out var a) ? a : default;
                        var id = call.TryGetProperty("id", out var i) && i.GetString() is { Length: > 0 } given ? given : $"call_{++calls}";
                        var parsed = arguments.ValueKind == JsonValueKind.String ? ChatJson.ReadArguments(arguments.GetString() ?? "") : ChatJson.ReadArguments(arguments);
                        contents.Add(new FunctionCallContent(id, function.GetProperty("name").GetString() ?? "", parsed));
                        complete &= parsed is not null;
                        calls = Math.Max(calls, 1);
                    }
                }
            }

            var done = root.TryGetProperty("done", out var d) && d.ValueKind == JsonValueKind.True;
            if (contents.Count == 0 && !done)
            {
                continue;
            }

            var reason = done && root.TryGetProperty("done_reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            if (done && string.IsNullOrEmpty(reason))
            {
                // Older Ollama versions (and servers copying its format) end without done_reason, so a stop at
                // num_predict looks like a finished answer there: the rules of any proper end without a reason.
                yield return UnnamedFinishReason.Update(calls, complete, contents, model);
                continue;
            }

            yield return new ChatResponseUpdate(ChatRole.Assistant, contents)
            {
                ModelId = model,
                FinishReason = !done ? null
                    : reason == "length" ? ChatFinishReason.Length
                    : calls > 0 ? ChatFinishReason.ToolCalls
                    : ChatFinishReason.Stop,
            };
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose() => http.Dispose();

    private string RequestBody(IEnumerable<ChatMessage> messages, ChatOptions? options) => ChatJson.Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("model", model);
        w.WriteBoolean("stream", true);
        w.WriteStartArray("messages");
        foreach (var message in messages)
        {
            foreach (var result in message.Contents.OfType<FunctionResultContent>())
            {
                // Ollama takes each tool result as its own "tool" message with the output as plain text.
                w.WriteStartObject();
                w.WriteString("role", "tool");
                w.WriteString("content", ChatJson.ResultText(result));
                w.WriteEndObject();
            }

            var calls = message.Contents.OfType<FunctionCallContent>().ToList();
            if (message.Role == ChatRole.Tool || (message.Text.Length == 0 && calls.Count == 0))
            {
                continue;
            }

            w.WriteStartObject();
            w.WriteString("role", message.Role.Value);
            w.WriteString("content", message.Text);
            if (calls.Count > 0)
            {
                w.WriteStartArray("tool_calls");
                foreach (var call in calls)
                {
                    w.WriteStartObject();
                    w.WriteStartObject("function");
                    w.WriteString("name", call.Name);
                    w.WritePropertyName("arguments");
                    ChatJson.WriteArguments(w, call.Arguments);
                    w.WriteEndObject();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (options?.Tools is { Count: > 0 } tools)
        {
            w.WriteStartArray("tools");
            foreach (var tool in tools)
            {
                w.WriteStartObject();
                w.WriteString("type", "function");
                w.WriteStartObject("function");
                w.WriteString("name", tool.Name);
                w.WriteString("description", tool.Description);
                w.WritePropertyName("parameters");
                ChatJson.WriteSchema(w, tool);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteStartObject("options");
        if (options?.Temperature is { } temperature)
        {
            w.WriteNumber("temperature", temperature);
        }

        if (options?.MaxOutputTokens is { } maxTokens)
        {
            w.WriteNumber("num_predict", maxTokens);
        }

        if (contextWindow is { } window)
        {
            w.WriteNumber("num_ctx", window);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    });
}
