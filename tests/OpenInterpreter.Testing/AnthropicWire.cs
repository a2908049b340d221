using System.Net;
using System.Text.Json;

namespace OpenInterpreter.Testing;

/// <summary>
/// Writes replies in the Anthropic Messages wire format: a JSON message, or server-sent events (message_start,
/// content_block_start/delta/stop with text_delta and input_json_delta fragments, ping, message_delta, message_stop).
/// </summary>
internal static class AnthropicWire
{
    public static async Task WriteAsync(HttpListenerResponse response, FakeReply reply, bool streaming, string model, int callNumber)
    {
        var id = $"msg_fake{callNumber}";
        var toolId = $"toolu_fake{callNumber}";
        if (reply is ErrorReply error)
        {
            response.StatusCode = error.Status;
            response.ContentType = "application/json";
            await OpenAIWire.WriteBodyAsync(response, OpenAIWire.Json(w =>
            {
                w.WriteString("type", "error");
                w.WriteStartObject("error");
                w.WriteString("type", error.Status switch { 401 => "authentication_error", 429 => "rate_limit_error", >= 500 => "api_error", _ => "invalid_request_error" });
                w.WriteString("message", error.Message);
                w.WriteEndObject();
            })).ConfigureAwait(false);
            return;
        }

        if (!streaming)
        {
            response.ContentType = "application/json";
            await OpenAIWire.WriteBodyAsync(response, OpenAIWire.Json(w => Message(w, id, model, reply, toolId, full: true))).ConfigureAwait(false);
            return;
        }

        response.ContentType = "text/event-stream";
        response.SendChunked = true;
        var output = response.OutputStream;
        await SendAsync(output, "message_start", w => { w.WriteString("type", "message_start"); w.WriteStartObject("message"); Message(w, id, model, reply, toolId, full: false); w.WriteEndObject(); }).ConfigureAwait(false);
        await SendAsync(output, "ping", w => w.WriteString("type", "ping")).ConfigureAwait(false);
        switch (reply)
        {
            case TextReply text:
                await TextBlockAsync(output, 0, OpenAIWire.Pieces(text.Content, text.PieceLength, reply.Pacing), reply.Pacing).ConfigureAwait(false);
                break;

            case CutReply cut:
                await BlockStartAsync(output, 0, w => { w.WriteString("type", "text"); w.WriteString("text", ""); }).ConfigureAwait(false);
                foreach (var piece in OpenAIWire.Pieces(cut.Content, 4).Take(cut.Pieces))
                {
                    await DeltaAsync(output, 0, w => { w.WriteString("type", "text_delta"); w.WriteString("text", piece); }).ConfigureAwait(false);
                }

                response.Abort();
                return;

            case ToolCallReply call:
                var index = 0;
                if (call.LeadingText is { } lead)
                {
                    await TextBlockAsync(output, index++, OpenAIWire.Pieces(lead, lead.Length, reply.Pacing), reply.Pacing).ConfigureAwait(false);
                }

                await BlockStartAsync(output, index, w =>
                {
                    w.WriteString("type", "tool_use");
                    w.WriteString("id", toolId);
                    w.WriteString("name", call.Name);
                    w.WriteStartObject("input");
                    w.WriteEndObject();
                }).ConfigureAwait(false);
                var sent = 0;
                foreach (var fragment in OpenAIWire.Pieces(call.RawArguments, Math.Max(1, call.RawArguments.Length / 5), reply.Pacing))
                {
                    await OpenAIWire.PaceAsync(reply.Pacing, sent++).ConfigureAwait(false);
                    await DeltaAsync(output, index, w => { w.WriteString("type", "input_json_delta"); w.WriteString("partial_json", fragment); }).ConfigureAwait(false);
                }

                if (reply.Ending != StreamEnding.WithoutReasonOrBlockStop)
                {
                    await SendAsync(output, "content_block_stop", w => { w.WriteString("type", "content_block_stop"); w.WriteNumber("index", index); }).ConfigureAwait(false);
                }

                break;
        }

        if (reply.Ending != StreamEnding.Closed)
        {
            await EndMessageAsync(output, reply.Ending == StreamEnding.Normal ? (reply is ToolCallReply ? "tool_use" : "end_turn") : null).ConfigureAwait(false);
        }
    }

    /// <summary>The end of a streamed message: its <c>message_delta</c> with <paramref name="stopReason"/> (null: a null
    /// stop_reason) and the usage, when <paramref name="withUsage"/>, then <c>message_stop</c>.</summary>
    internal static async Task EndMessageAsync(Stream output, string? stopReason, bool withUsage = true)
    {
        await SendAsync(output, "message_delta", w =>
        {
            w.WriteString("type", "message_delta");
            w.WriteStartObject("delta");
            if (stopReason is null)
            {
                w.WriteNull("stop_reason");
            }
            else
            {
                w.WriteString("stop_reason", stopReason);
            }

            w.WriteNull("stop_sequence");
            w.WriteEndObject();
            if (withUsage)
            {
                w.WriteStartObject("usage");
                w.WriteNumber("output_tokens", 5);
                w.WriteEndObject();
            }
        }).ConfigureAwait(false);
        await SendAsync(output, "message_stop", w => w.WriteString("type", "message_stop")).ConfigureAwait(false);
    }

    private static void Message(Utf8JsonWriter w, string id, string model, FakeReply reply, string toolId, bool full)
    {
        w.WriteString("id", id);
        w.WriteString("type", "message");
        w.WriteString("role", "assistant");
        w.WriteString("model", model);
        w.WriteStartArray("content");
        if (full)
        {
            switch (reply)
            {
                case TextReply text:
                    WriteText(w, text.Content);
                    break;
                case CutReply cut:
                    WriteText(w, cut.Content);
                    break;
                case ToolCallReply call:
                    if (call.LeadingText is { } lead)
                    {
                        WriteText(w, lead);
                    }

                    w.WriteStartObject();
                    w.WriteString("type", "tool_use");
                    w.WriteString("id", toolId);
                    w.WriteString("name", call.Name);
                    w.WritePropertyName("input");
                    using (var input = JsonDocument.Parse(call.RawArguments))
                    {
                        input.RootElement.WriteTo(w);
                    }

                    w.WriteEndObject();
                    break;
            }
        }

        w.WriteEndArray();
        if (full)
        {
            w.WriteString("stop_reason", reply is ToolCallReply ? "tool_use" : "end_turn");
        }
        else
        {
            w.WriteNull("stop_reason");
        }

        w.WriteNull("stop_sequence");
        w.WriteStartObject("usage");
        w.WriteNumber("input_tokens", 10);
        w.WriteNumber("output_tokens", full ? 5 : 1);
        w.WriteEndObject();
    }

    private static void WriteText(Utf8JsonWriter w, string text)
    {
        w.WriteStartObject();
        w.WriteString("type", "text");
        w.WriteString("text", text);
        w.WriteEndObject();
    }

    private static async Task TextBlockAsync(Stream output, int index, IEnumerable<string> pieces, Pacing? pacing)
    {
        await BlockStartAsync(output, index, w => { w.WriteString("type", "text"); w.WriteString("text", ""); }).ConfigureAwait(false);
        var sent = 0;
        foreach (var piece in pieces)
        {
            await OpenAIWire.PaceAsync(pacing, sent++).ConfigureAwait(false);
            await DeltaAsync(output, index, w => { w.WriteString("type", "text_delta"); w.WriteString("text", piece); }).ConfigureAwait(false);
        }

        await SendAsync(output, "content_block_stop", w => { w.WriteString("type", "content_block_stop"); w.WriteNumber("index", index); }).ConfigureAwait(false);
    }

    internal static Task BlockStartAsync(Stream output, int index, Action<Utf8JsonWriter> block) =>
        SendAsync(output, "content_block_start", w =>
        {
            w.WriteString("type", "content_block_start");
            w.WriteNumber("index", index);
            w.WriteStartObject("content_block");
            block(w);
            w.WriteEndObject();
        });

    internal static Task DeltaAsync(Stream output, int index, Action<Utf8JsonWriter> delta) =>
        SendAsync(output, "content_block_delta", w =>
        {
            w.WriteString("type", "content_block_delta");
            w.WriteNumber("index", index);
            w.WriteStartObject("delta");
            delta(w);
            w.WriteEndObject();
        });

    internal static Task SendAsync(Stream output, string eventName, Action<Utf8JsonWriter> body) =>
        OpenAIWire.SendRawAsync(output, $"event: {eventName}\ndata: {OpenAIWire.Json(body)}\n\n");
}
