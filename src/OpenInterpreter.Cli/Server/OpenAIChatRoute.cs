using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OpenInterpreter.Core;
using OpenInterpreter.Core.Messages;

namespace OpenInterpreter.Cli.Server;

/// <summary>
/// <c>POST /openai/chat/completions</c>: the interpreter as an OpenAI-compatible "model". The last user message is
/// answered by the server's conversation (which keeps its own history and sessions; earlier messages of the request
/// seed it when it is empty), and the reply's text includes the runs: code and output as fenced blocks. Streams as
/// OpenAI's SSE chunks with <c>"stream": true</c>, else one <c>chat.completion</c>.
/// </summary>
internal static class OpenAIChatRoute
{
    public static async Task HandleAsync(HttpContext context, ServerConversation conversation)
    {
        JsonElement request;
        try
        {
            request = (await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false)).RootElement;
        }
        catch (JsonException e)
        {
            await ServerResponses.ErrorAsync(context, 400, $"The body is not JSON: {e.Message}").ConfigureAwait(false);
            return;
        }

        var messages = request.TryGetProperty("messages", out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().ToList() : [];
        var lastUser = messages.FindLastIndex(m => Text(m, "role") == "user");
        if (lastUser < 0)
        {
            await ServerResponses.ErrorAsync(context, 400, "messages must hold a user message.").ConfigureAwait(false);
            return;
        }

        if (conversation.Interpreter.Messages.Count == 0)
        {
            foreach (var earlier in messages.Take(lastUser))
            {
                var role = Text(earlier, "role");
                if (role is "user" or "assistant" && ContentText(earlier) is { Length: > 0 } text)
                {
                    conversation.Interpreter.Messages.Add(new LmcMessage(role, LmcType.Message, text));
                }
            }
        }

        var message = ContentText(messages[lastUser]);
        var model = Text(request, "model") ?? "open-interpreter";
        var stream = request.TryGetProperty("stream", out var flag) && flag.ValueKind == JsonValueKind.True;
        var id = $"chatcmpl-{Guid.NewGuid():N}";
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var markdown = new LmcMarkdown();
        var reply = new StringBuilder();
        if (stream)
        {
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            await WriteEventAsync(context, Chunk(id, created, model, "", role: true, finish: null)).ConfigureAwait(false);
        }

        string? error = null;
        try
        {
            await foreach (var chunk in conversation.RespondAsync(message, context.RequestAborted).ConfigureAwait(false))
            {
                var text = markdown.Add(chunk);
                if (text.Length == 0)
                {
                    continue;
                }

                reply.Append(text);
                if (stream)
                {
                    await WriteEventAsync(context, Chunk(id, created, model, text, role: false, finish: null)).ConfigureAwait(false);
                }
            }
        }
        catch (InterpreterException e)
        {
            error = e.OneLine;
        }

        if (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        if (stream)
        {
            if (error is not null)
            {
                await WriteEventAsync(context, Chunk(id, created, model, $"\n\n{error}", role: false, finish: null)).ConfigureAwait(false);
            }

            await WriteEventAsync(context, Chunk(id, created, model, null, role: false, finish: "stop")).ConfigureAwait(false);
            await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (error is not null && reply.Length == 0)
        {
            await ServerResponses.ErrorAsync(context, 502, error).ConfigureAwait(false);
            return;
        }

        if (error is not null)
        {
            reply.Append("\n\n").Append(error);
        }

        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(Completion(id, created, model, reply.ToString(), conversation.Interpreter), context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task WriteEventAsync(HttpContext context, byte[] json)
    {
        await context.Response.WriteAsync("data: ", context.RequestAborted).ConfigureAwait(false);
        await context.Response.Body.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
        await context.Response.WriteAsync("\n\n", context.RequestAborted).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private static byte[] Chunk(string id, long created, string model, string? content, bool role, string? finish) => Write(json =>
    {
        Header(json, id, created, model, "chat.completion.chunk");
        json.WriteStartArray("choices");
        json.WriteStartObject();
        json.WriteNumber("index", 0);
        json.WriteStartObject("delta");
        if (role)
        {
            json.WriteString("role", "assistant");
        }

        if (content is not null)
        {
            json.WriteString("content", content);
        }

        json.WriteEndObject();
        json.WriteString("finish_reason", finish);
        json.WriteEndObject();
        json.WriteEndArray();
    });

    private static byte[] Completion(string id, long created, string model, string content, Interpreter interpreter) => Write(json =>
    {
        Header(json, id, created, model, "chat.completion");
        json.WriteStartArray("choices");
        json.WriteStartObject();
        json.WriteNumber("index", 0);
        json.WriteStartObject("message");
        json.WriteString("role", "assistant");
        json.WriteString("content", content);
        json.WriteEndObject();
        json.WriteString("finish_reason", "stop");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject("usage");
        json.WriteNumber("prompt_tokens", interpreter.Usage.Input);
        json.WriteNumber("completion_tokens", interpreter.Usage.Output);
        json.WriteNumber("total_tokens", interpreter.Usage.Input + interpreter.Usage.Output);
        json.WriteEndObject();
    });

    private static void Header(Utf8JsonWriter json, string id, long created, string model, string kind)
    {
        json.WriteString("id", id);
        json.WriteString("object", kind);
        json.WriteNumber("created", created);
        json.WriteString("model", model);
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A message's text: its content string, or the text parts of a content array.</summary>
    private static string ContentText(JsonElement message) =>
        message.TryGetProperty("content", out var content) ? content.ValueKind switch
        {
            JsonValueKind.String => content.GetString() ?? "",
            JsonValueKind.Array => string.Concat(content.EnumerateArray().Select(part => Text(part, "text") ?? "")),
            _ => "",
        } : "";
}
