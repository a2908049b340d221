using System.Net;
using System.Text.Json;

namespace OpenInterpreter.Testing;

/// <summary>
/// Writes replies in Ollama's own wire format: <c>/api/chat</c> as newline-delimited JSON (content pieces, tool calls
/// with whole arguments, a last <c>done</c> line), <c>/api/tags</c> and <c>/api/show</c>.
/// </summary>
internal static class OllamaWire
{
    private const string CreatedAt = "2025-11-25T00:00:00.000000Z";

    public static async Task WriteChatAsync(HttpListenerResponse response, FakeReply reply, bool streaming, string model, IReadOnlyCollection<string> pulled)
    {
        if (pulled.Count > 0 && !pulled.Contains(model))
        {
            reply = FakeReply.Error(404, $"model \"{model}\" not found, try pulling it first");
        }

        if (reply is ErrorReply error)
        {
            response.StatusCode = error.Status;
            response.ContentType = "application/json";
            await OpenAIWire.WriteBodyAsync(response, OpenAIWire.Json(w => w.WriteString("error", error.Message))).ConfigureAwait(false);
            return;
        }

        response.ContentType = "application/x-ndjson";
        response.SendChunked = true;
        var output = response.OutputStream;
        if (!streaming)
        {
            await SendAsync(output, Line(model, reply switch
            {
                TextReply t => t.Content,
                CutReply c => c.Content,
                ToolCallReply t => t.LeadingText ?? "",
                _ => "",
            }, reply as ToolCallReply, done: true)).ConfigureAwait(false);
            return;
        }

        switch (reply)
        {
            case TextReply text:
                var index = 0;
                foreach (var piece in OpenAIWire.Pieces(text.Content, text.PieceLength, reply.Pacing))
                {
                    await OpenAIWire.PaceAsync(reply.Pacing, index++).ConfigureAwait(false);
                    await SendAsync(output, Line(model, piece, null, done: false)).ConfigureAwait(false);
                }

                break;

            case CutReply cut:
                foreach (var piece in OpenAIWire.Pieces(cut.Content, 4).Take(cut.Pieces))
                {
                    await SendAsync(output, Line(model, piece, null, done: false)).ConfigureAwait(false);
                }

                response.Abort();
                return;

            case ToolCallReply call:
                if (call.LeadingText is { } lead)
                {
                    await SendAsync(output, Line(model, lead, null, done: false)).ConfigureAwait(false);
                }

                // Ollama sends a tool call whole, in one line, with its arguments as an object.
                await SendAsync(output, Line(model, "", call, done: false)).ConfigureAwait(false);
                break;
        }

        if (reply.Ending != StreamEnding.Closed)
        {
            await SendAsync(output, Line(model, "", null, done: true, doneReason: reply.Ending == StreamEnding.Normal ? "stop" : null)).ConfigureAwait(false);
        }
    }

    public static Task WriteTagsAsync(HttpListenerResponse response, IEnumerable<string> models)
    {
        response.ContentType = "application/json";
        return OpenAIWire.WriteBodyAsync(response, OpenAIWire.Json(w =>
        {
            w.WriteStartArray("models");
            foreach (var name in models)
            {
                w.WriteStartObject();
                w.WriteString("name", name);
                w.WriteString("model", name);
                w.WriteString("modified_at", CreatedAt);
                w.WriteNumber("size", 3_825_819_519);
                w.WriteString("digest", "fakedigest");
                w.WriteStartObject("details");
                w.WriteString("format", "gguf");
                w.WriteString("family", "llama");
                w.WriteString("parameter_size", "7B");
                w.WriteString("quantization_level", "Q4_0");
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }));
    }

    public static Task WriteShowAsync(HttpListenerResponse response, bool tools)
    {
        response.ContentType = "application/json";
        return OpenAIWire.WriteBodyAsync(response, OpenAIWire.Json(w =>
        {
            w.WriteStartArray("capabilities");
            w.WriteStringValue("completion");
            if (tools)
            {
                w.WriteStringValue("tools");
            }

            w.WriteEndArray();
        }));
    }

    internal static string Line(string model, string content, ToolCallReply? call, bool done, string? doneReason = "stop") => OpenAIWire.Json(w =>
    {
        w.WriteString("model", model);
        w.WriteString("created_at", CreatedAt);
        w.WriteStartObject("message");
        w.WriteString("role", "assistant");
        w.WriteString("content", content);
        if (call is not null)
        {
            w.WriteStartArray("tool_calls");
            w.WriteStartObject();
            w.WriteStartObject("function");
            w.WriteString("name", call.Name);
            w.WritePropertyName("arguments");
            using (var arguments = JsonDocument.Parse(call.RawArguments))
            {
                arguments.RootElement.WriteTo(w);
            }

            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteBoolean("done", done);
        if (done)
        {
            if (doneReason is not null)
            {
                w.WriteString("done_reason", doneReason);
            }

            w.WriteNumber("total_duration", 1000);
            w.WriteNumber("load_duration", 10);
            w.WriteNumber("prompt_eval_count", 10);
            w.WriteNumber("prompt_eval_duration", 100);
            w.WriteNumber("eval_count", 5);
            w.WriteNumber("eval_duration", 100);
        }
    });

    internal static Task SendAsync(Stream output, string json) => OpenAIWire.SendRawAsync(output, json + "\n");
}
