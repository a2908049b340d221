using System.Net;

namespace OpenInterpreter.Testing;

/// <summary>Writes a <see cref="StreamFaultReply"/> or an <see cref="HtmlReply"/> in the wire format of the request's path.</summary>
internal static class StreamFaultWire
{
    /// <summary>How long a stall keeps the connection open: far longer than any test waits.</summary>
    private static readonly TimeSpan StallTime = TimeSpan.FromMinutes(10);

    /// <summary>What the error event of <see cref="StreamFault.ErrorEvent"/> says.</summary>
    public const string ErrorEventMessage = "The server had an error processing your request. Sorry about that!";

    public static async Task WriteAsync(HttpListenerResponse response, FakeReply reply, string path, string model, int callNumber)
    {
        if (reply is HtmlReply html)
        {
            response.StatusCode = 200;
            response.ContentType = "text/html; charset=utf-8";
            await OpenAIWire.WriteBodyAsync(response, $"<!DOCTYPE html>\n<html><head><title>{html.Title}</title></head><body><h1>{html.Title}</h1><form>Sign in</form></body></html>\n").ConfigureAwait(false);
            return;
        }

        var fault = (StreamFaultReply)reply;
        var kind = path.EndsWith("/api/chat", StringComparison.Ordinal) ? Wire.Ollama
            : path.EndsWith("/messages", StringComparison.Ordinal) ? Wire.Anthropic
            : Wire.OpenAI;
        response.ContentType = kind == Wire.Ollama ? "application/x-ndjson" : "text/event-stream";
        response.SendChunked = true;
        var output = response.OutputStream;
        if (fault.StallFirst)
        {
            // Headers are out (the server accepted the request); the first token never comes.
            await output.FlushAsync().ConfigureAwait(false);
            await Task.Delay(StallTime).ConfigureAwait(false);
            return;
        }

        var id = $"fault{callNumber}";
        if (kind == Wire.Anthropic)
        {
            await AnthropicWire.BlockStartAsync(output, 0, w => { w.WriteString("type", "text"); w.WriteString("text", ""); }).ConfigureAwait(false);
        }

        foreach (var piece in OpenAIWire.Pieces(fault.TextBefore, 4))
        {
            await (kind switch
            {
                Wire.OpenAI => OpenAIWire.SendAsync(output, OpenAIWire.Chunk(id, model, w => w.WriteString("content", piece), null)),
                Wire.Anthropic => AnthropicWire.DeltaAsync(output, 0, w => { w.WriteString("type", "text_delta"); w.WriteString("text", piece); }),
                _ => OllamaWire.SendAsync(output, OllamaWire.Line(model, piece, null, done: false)),
            }).ConfigureAwait(false);
        }

        switch (fault.Fault)
        {
            case StreamFault.Stall:
                await Task.Delay(StallTime).ConfigureAwait(false);
                return;

            case StreamFault.InvalidJson:
                await OpenAIWire.SendRawAsync(output, kind == Wire.Ollama
                    ? "{\"model\": \"" + model + "\", \"message\": {\"role\": \"assistant\", \"content\": oops}}\n"
                    : (kind == Wire.Anthropic ? "event: content_block_delta\n" : "") + "data: {\"type\": \"content_block_delta\", \"delta\": {\"text\": nope\n\n").ConfigureAwait(false);
                return;

            case StreamFault.ErrorEvent:
                await OpenAIWire.SendRawAsync(output, kind switch
                {
                    Wire.OpenAI => "data: {\"error\": {\"message\": \"" + ErrorEventMessage + "\", \"type\": \"server_error\", \"param\": null, \"code\": null}}\n\n",
                    Wire.Anthropic => "event: error\ndata: {\"type\": \"error\", \"error\": {\"type\": \"api_error\", \"message\": \"" + ErrorEventMessage + "\"}}\n\n",
                    _ => "{\"error\": \"" + ErrorEventMessage + "\"}\n",
                }).ConfigureAwait(false);
                return;

            case StreamFault.ContentFilter:
                if (kind == Wire.OpenAI)
                {
                    await OpenAIWire.SendAsync(output, OpenAIWire.Chunk(id, model, _ => { }, "content_filter")).ConfigureAwait(false);
                    await OpenAIWire.SendRawAsync(output, "data: [DONE]\n\n").ConfigureAwait(false);
                }
                else if (kind == Wire.Anthropic)
                {
                    await AnthropicWire.SendAsync(output, "content_block_stop", w => { w.WriteString("type", "content_block_stop"); w.WriteNumber("index", 0); }).ConfigureAwait(false);
                    await AnthropicWire.EndMessageAsync(output, "refusal", withUsage: false).ConfigureAwait(false);
                }
                else
                {
                    await OllamaWire.SendAsync(output, OllamaWire.Line(model, "", null, done: true)).ConfigureAwait(false);
                }

                return;

            case StreamFault.Length:
            case StreamFault.LengthInToolCall:
                await WriteLengthEndAsync(output, kind, id, model, fault.Fault == StreamFault.LengthInToolCall).ConfigureAwait(false);
                return;

            case StreamFault.HalfLine:
                var whole = kind == Wire.Ollama
                    ? OllamaWire.Line(model, " and the rest", null, done: false)
                    : OpenAIWire.Chunk(id, model, w => w.WriteString("content", " and the rest"), null);
                await OpenAIWire.SendRawAsync(output, (kind == Wire.Ollama ? "" : "data: ") + whole[..(whole.Length / 2)]).ConfigureAwait(false);
                return;
        }
    }

    /// <summary>What <see cref="StreamFault.LengthInToolCall"/> starts to write: a call cut inside its code string.</summary>
    public const string CutToolArguments = "{\"language\": \"python\", \"code\": \"print('cut off";

    /// <summary>The end of a reply that reached its output-token limit, after half a tool call when <paramref name="inToolCall"/>.</summary>
    private static async Task WriteLengthEndAsync(Stream output, Wire kind, string id, string model, bool inToolCall)
    {
        if (kind == Wire.OpenAI)
        {
            if (inToolCall)
            {
                await OpenAIWire.SendAsync(output, OpenAIWire.Chunk(id, model, w => OpenAIWire.ToolCallDelta(w, $"call_{id}", "execute", ""), null)).ConfigureAwait(false);
                foreach (var piece in OpenAIWire.Pieces(CutToolArguments, 10))
                {
                    await OpenAIWire.SendAsync(output, OpenAIWire.Chunk(id, model, w => OpenAIWire.ToolCallDelta(w, null, null, piece), null)).ConfigureAwait(false);
                }
            }

            await OpenAIWire.SendAsync(output, OpenAIWire.Chunk(id, model, _ => { }, "length")).ConfigureAwait(false);
            await OpenAIWire.SendRawAsync(output, "data: [DONE]\n\n").ConfigureAwait(false);
            return;
        }

        if (kind == Wire.Ollama)
        {
            await OllamaWire.SendAsync(output, OllamaWire.Line(model, "", null, done: true, doneReason: "length")).ConfigureAwait(false);
            return;
        }

        await AnthropicWire.SendAsync(output, "content_block_stop", w => { w.WriteString("type", "content_block_stop"); w.WriteNumber("index", 0); }).ConfigureAwait(false);
        if (inToolCall)
        {
            // Anthropic closes the block it was writing before it says why the message ended.
            await AnthropicWire.BlockStartAsync(output, 1, w =>
            {
                w.WriteString("type", "tool_use");
                w.WriteString("id", $"toolu_{id}");
                w.WriteString("name", "execute");
                w.WriteStartObject("input");
                w.WriteEndObject();
            }).ConfigureAwait(false);
            foreach (var piece in OpenAIWire.Pieces(CutToolArguments, 10))
            {
                await AnthropicWire.DeltaAsync(output, 1, w => { w.WriteString("type", "input_json_delta"); w.WriteString("partial_json", piece); }).ConfigureAwait(false);
            }

            await AnthropicWire.SendAsync(output, "content_block_stop", w => { w.WriteString("type", "content_block_stop"); w.WriteNumber("index", 1); }).ConfigureAwait(false);
        }

        await AnthropicWire.EndMessageAsync(output, "max_tokens").ConfigureAwait(false);
    }

    private enum Wire
    {
        OpenAI,
        Anthropic,
        Ollama,
    }
}
