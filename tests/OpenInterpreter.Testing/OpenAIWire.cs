using System.Net;
using System.Text;
using System.Text.Json;

namespace OpenInterpreter.Testing;

/// <summary>Writes replies in the OpenAI chat completions wire format: a JSON completion, or SSE chunks.</summary>
internal static class OpenAIWire
{
    private const long Created = 1_764_000_000;

    public static async Task WriteAsync(HttpListenerResponse response, FakeReply reply, bool streaming, string model, int callNumber)
    {
        var id = $"chatcmpl-fake{callNumber}";
        if (reply is ErrorReply error)
        {
            response.StatusCode = error.Status;
            response.ContentType = "application/json";
            await WriteBodyAsync(response, Json(w =>
            {
                w.WriteStartObject("error");
                w.WriteString("message", error.Message);
                w.WriteString("type", error.Status == 401 ? "invalid_request_error" : "server_error");
                w.WriteString("code", error.Code);
                w.WriteEndObject();
            })).ConfigureAwait(false);
            return;
        }

        if (!streaming)
        {
            response.ContentType = "application/json";
            await WriteBodyAsync(response, Completion(reply, id, model, callNumber)).ConfigureAwait(false);
            return;
        }

        response.ContentType = "text/event-stream";
        response.SendChunked = true;
        var output = response.OutputStream;
        await SendAsync(output, Chunk(id, model, w => { w.WriteString("role", "assistant"); w.WriteString("content", ""); }, null)).ConfigureAwait(false);
        switch (reply)
        {
            case TextReply text:
                var index = 0;
                foreach (var piece in Pieces(text.Content, text.PieceLength, reply.Pacing))
                {
                    await PaceAsync(reply.Pacing, index++).ConfigureAwait(false);
                    await SendAsync(output, Chunk(id, model, w => w.WriteString("content", piece), null)).ConfigureAwait(false);
                }

                await EndAsync(output, id, model, reply.FinishReason ?? "stop", reply.Ending).ConfigureAwait(false);
                return;

            case CutReply cut:
                foreach (var piece in Pieces(cut.Content, 4).Take(cut.Pieces))
                {
                    await SendAsync(output, Chunk(id, model, w => w.WriteString("content", piece), null)).ConfigureAwait(false);
                }

                // Abort the connection mid-stream: no finish_reason, no [DONE].
                response.Abort();
                return;

            case ToolCallReply call:
                var sent = 0;
                if (call.LeadingText is { } lead)
                {
                    foreach (var piece in Pieces(lead, lead.Length, reply.Pacing))
                    {
                        await PaceAsync(reply.Pacing, sent++).ConfigureAwait(false);
                        await SendAsync(output, Chunk(id, model, w => w.WriteString("content", piece), null)).ConfigureAwait(false);
                    }
                }

                await PaceAsync(reply.Pacing, sent++).ConfigureAwait(false);
                await SendAsync(output, Chunk(id, model, w => ToolCallDelta(w, $"call_fake{callNumber}", call.Name, ""), null)).ConfigureAwait(false);
                foreach (var fragment in Pieces(call.RawArguments, Math.Max(1, call.RawArguments.Length / 5), reply.Pacing))
                {
                    await PaceAsync(reply.Pacing, sent++).ConfigureAwait(false);
                    await SendAsync(output, Chunk(id, model, w => ToolCallDelta(w, null, null, fragment), null)).ConfigureAwait(false);
                }

                await EndAsync(output, id, model, reply.FinishReason ?? "tool_calls", reply.Ending).ConfigureAwait(false);
                return;

            case ToolCallsReply many:
                // Each call opens with its id and name at its own index, then its arguments in two fragments.
                for (var i = 0; i < many.Calls.Count; i++)
                {
                    var (at, each) = (i, many.Calls[i]);
                    await SendAsync(output, Chunk(id, model, w => ToolCallDelta(w, $"call_fake{callNumber}_{at}", each.Name, "", at), null)).ConfigureAwait(false);
                    var half = each.RawArguments.Length / 2;
                    await SendAsync(output, Chunk(id, model, w => ToolCallDelta(w, null, null, each.RawArguments[..half], at), null)).ConfigureAwait(false);
                    await SendAsync(output, Chunk(id, model, w => ToolCallDelta(w, null, null, each.RawArguments[half..], at), null)).ConfigureAwait(false);
                }

                await EndAsync(output, id, model, reply.FinishReason ?? "tool_calls", reply.Ending).ConfigureAwait(false);
                return;
        }

        await SendRawAsync(output, "data: [DONE]\n\n").ConfigureAwait(false);
    }

    /// <summary>The chunk with <paramref name="finishReason"/>, then <c>[DONE]</c>, as far as <paramref name="ending"/> has them.</summary>
    private static async Task EndAsync(Stream output, string id, string model, string finishReason, StreamEnding ending)
    {
        if (ending == StreamEnding.Normal)
        {
            await SendAsync(output, Chunk(id, model, _ => { }, finishReason)).ConfigureAwait(false);
        }

        if (ending != StreamEnding.Closed)
        {
            await SendRawAsync(output, "data: [DONE]\n\n").ConfigureAwait(false);
        }
    }

    internal static void ToolCallDelta(Utf8JsonWriter w, string? callId, string? name, string arguments, int index = 0)
    {
        w.WriteStartArray("tool_calls");
        w.WriteStartObject();
        w.WriteNumber("index", index);
        if (callId is not null)
        {
            w.WriteString("id", callId);
            w.WriteString("type", "function");
        }

        w.WriteStartObject("function");
        if (name is not null)
        {
            w.WriteString("name", name);
        }

        w.WriteString("arguments", arguments);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
    }

    internal static string Chunk(string id, string model, Action<Utf8JsonWriter> delta, string? finishReason) => Json(w =>
    {
        w.WriteString("id", id);
        w.WriteString("object", "chat.completion.chunk");
        w.WriteNumber("created", Created);
        w.WriteString("model", model);
        w.WriteString("system_fingerprint", "fp_fake");
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("delta");
        delta(w);
        w.WriteEndObject();
        w.WriteNull("logprobs");
        if (finishReason is null)
        {
            w.WriteNull("finish_reason");
        }
        else
        {
            w.WriteString("finish_reason", finishReason);
        }

        w.WriteEndObject();
        w.WriteEndArray();
    });

    private static string Completion(FakeReply reply, string id, string model, int callNumber) => Json(w =>
    {
        w.WriteString("id", id);
        w.WriteString("object", "chat.completion");
        w.WriteNumber("created", Created);
        w.WriteString("model", model);
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("message");
        w.WriteString("role", "assistant");
        switch (reply)
        {
            case TextReply text:
                w.WriteString("content", text.Content);
                break;
            case CutReply cut:
                w.WriteString("content", cut.Content);
                break;
            case ToolCallReply call:
                w.WriteString("content", call.LeadingText);
                w.WriteStartArray("tool_calls");
                w.WriteStartObject();
                w.WriteString("id", $"call_fake{callNumber}");
                w.WriteString("type", "function");
                w.WriteStartObject("function");
                w.WriteString("name", call.Name);
                w.WriteString("arguments", call.RawArguments);
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndArray();
                break;
        }

        w.WriteEndObject();
        w.WriteString("finish_reason", reply is ToolCallReply ? "tool_calls" : "stop");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", 10);
        w.WriteNumber("completion_tokens", 5);
        w.WriteNumber("total_tokens", 15);
        w.WriteEndObject();
    });

    /// <summary>Token-sized pieces when the reply is paced, else pieces of <paramref name="length"/>.</summary>
    internal static IEnumerable<string> Pieces(string text, int length, Pacing? pacing) =>
        pacing is null ? Pieces(text, length) : pacing.Pieces(text);

    internal static Task PaceAsync(Pacing? pacing, int index) => pacing?.BeforeChunkAsync(index) ?? Task.CompletedTask;

    internal static IEnumerable<string> Pieces(string text, int length)
    {
        for (var i = 0; i < text.Length; i += length)
        {
            yield return text.Substring(i, Math.Min(length, text.Length - i));
        }
    }

    internal static string Json(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    internal static Task SendAsync(Stream output, string json) => SendRawAsync(output, $"data: {json}\n\n");

    internal static async Task SendRawAsync(Stream output, string text)
    {
        await output.WriteAsync(Encoding.UTF8.GetBytes(text)).ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
    }

    internal static async Task WriteBodyAsync(HttpListenerResponse response, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
    }
}
