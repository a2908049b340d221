using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace OpenInterpreter.Core.Mcp;

/// <summary>
/// MCP's streamable HTTP transport, client side: each message is POSTed to the server's URL with the configured
/// headers; the answer comes back as JSON or as an SSE stream holding it. The server's <c>Mcp-Session-Id</c> is sent
/// back on every later request, and the session is ended with DELETE.
/// </summary>
public sealed class McpHttpChannel(Uri url, IReadOnlyDictionary<string, string> headers) : IMcpChannel
{
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private long _nextId;
    private string? _session;

    public async Task<JsonElement> RequestAsync(string method, Action<Utf8JsonWriter>? parameters, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        using var response = await PostAsync(Message(json =>
        {
            json.WriteNumber("id", id);
            json.WriteString("method", method);
            Params(json, parameters);
        }), cancellationToken).ConfigureAwait(false);
        var answer = response.Content.Headers.ContentType?.MediaType == "text/event-stream"
            ? await FromEventsAsync(response, id, cancellationToken).ConfigureAwait(false)
            : JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).RootElement.Clone();
        if (answer.TryGetProperty("error", out var error))
        {
            throw new JsonRpcException(
                error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.Number ? code.GetInt32() : JsonRpcException.InternalError,
                error.TryGetProperty("message", out var text) ? text.GetString() ?? "error" : "error");
        }

        return answer.TryGetProperty("result", out var result) ? result : default;
    }

    public async Task NotifyAsync(string method, Action<Utf8JsonWriter>? parameters)
    {
        using var response = await PostAsync(Message(json =>
        {
            json.WriteString("method", method);
            Params(json, parameters);
        }), CancellationToken.None).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> PostAsync(byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        AddHeaders(request);
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            response.Dispose();
            throw new IOException($"{url} answered HTTP {status}.");
        }

        if (response.Headers.TryGetValues("Mcp-Session-Id", out var session))
        {
            _session = session.FirstOrDefault() ?? _session;
        }

        return response;
    }

    private void AddHeaders(HttpRequestMessage request)
    {
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (_session is not null)
        {
            request.Headers.TryAddWithoutValidation("Mcp-Session-Id", _session);
        }
    }

    /// <summary>Reads SSE events until the answer to request <paramref name="id"/> (other messages are skipped).</summary>
    private static async Task<JsonElement> FromEventsAsync(HttpResponseMessage response, long id, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), Encoding.UTF8);
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Append(line.AsSpan(5).TrimStart());
                continue;
            }

            if (line.Length == 0 && data.Length > 0)
            {
                var message = JsonDocument.Parse(data.ToString()).RootElement.Clone();
                data.Clear();
                if (message.TryGetProperty("id", out var answered) && answered.ValueKind == JsonValueKind.Number && answered.GetInt64() == id)
                {
                    return message;
                }
            }
        }

        throw new IOException("The MCP server's event stream ended without an answer.");
    }

    private static byte[] Message(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("jsonrpc", "2.0");
            body(json);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void Params(Utf8JsonWriter json, Action<Utf8JsonWriter>? parameters)
    {
        if (parameters is not null)
        {
            json.WriteStartObject("params");
            parameters(json);
            json.WriteEndObject();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_session is not null)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Delete, url);
                AddHeaders(request);
                using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                using var _ = await _http.SendAsync(request, cancel.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                // The server may be gone already; the session ends with it.
            }
        }

        _http.Dispose();
    }
}
