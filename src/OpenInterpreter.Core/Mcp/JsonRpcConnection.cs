using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace OpenInterpreter.Core.Mcp;

/// <summary>
/// JSON-RPC 2.0 over newline-delimited JSON, as MCP's stdio transport frames it: requests both ways, responses matched
/// by id, notifications, and <c>notifications/cancelled</c> stopping a request in progress. Written with
/// <see cref="Utf8JsonWriter"/> and read with <see cref="JsonDocument"/>, so Native AOT stays clean.
/// </summary>
public sealed class JsonRpcConnection(Stream input, Stream output) : IMcpChannel
{
    /// <summary>Answers a request: writes its <c>result</c> object's members, or throws <see cref="JsonRpcException"/>.</summary>
    public delegate Task<Action<Utf8JsonWriter>> RequestHandler(string method, JsonElement parameters, CancellationToken cancellationToken);

    private readonly SemaphoreSlim _write = new(1, 1);
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonElement>> _waiting = new();
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new();
    private readonly ConcurrentDictionary<Task, bool> _handling = new();
    private long _nextId;

    /// <summary>Handles requests from the other side; none: every request gets "method not found".</summary>
    public RequestHandler? OnRequest { get; init; }

    /// <summary>Called for each notification from the other side (other than cancellation).</summary>
    public Action<string, JsonElement>? OnNotification { get; init; }

    /// <summary>Reads messages until the input ends or <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(input, new UTF8Encoding(false));
        try
        {
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (line.Trim().Length == 0)
                {
                    continue;
                }

                JsonElement message;
                try
                {
                    message = JsonDocument.Parse(line).RootElement.Clone();
                }
                catch (JsonException)
                {
                    await WriteAsync(json => { json.WriteNull("id"); WriteError(json, -32700, "Parse error"); }).ConfigureAwait(false);
                    continue;
                }

                Dispatch(message, cancellationToken);
            }

            // The input ended (the client sent its last request and closed): answer what is still running first.
            await Task.WhenAll(_handling.Keys).ConfigureAwait(false);
        }
        finally
        {
            foreach (var waiting in _waiting.Values)
            {
                waiting.TrySetException(new IOException("The MCP connection closed."));
            }

            foreach (var running in _running.Values)
            {
                await running.CancelAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Sends a request and waits for its result (a <see cref="JsonRpcException"/> for an error answer).</summary>
    public async Task<JsonElement> RequestAsync(string method, Action<Utf8JsonWriter>? parameters, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[id] = answer;
        try
        {
            await WriteAsync(json =>
            {
                json.WriteNumber("id", id);
                json.WriteString("method", method);
                WriteParams(json, parameters);
            }).ConfigureAwait(false);
            using (cancellationToken.Register(() => answer.TrySetCanceled(cancellationToken)))
            {
                return await answer.Task.ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await NotifyAsync("notifications/cancelled", json => json.WriteNumber("requestId", id)).ConfigureAwait(false);
            throw;
        }
        finally
        {
            _waiting.TryRemove(id, out _);
        }
    }

    /// <summary>Sends a notification (no answer).</summary>
    public Task NotifyAsync(string method, Action<Utf8JsonWriter>? parameters) => WriteAsync(json =>
    {
        json.WriteString("method", method);
        WriteParams(json, parameters);
    });

    private void Dispatch(JsonElement message, CancellationToken cancellationToken)
    {
        var hasId = message.TryGetProperty("id", out var id) && id.ValueKind is JsonValueKind.Number or JsonValueKind.String;
        var method = message.TryGetProperty("method", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        var parameters = message.TryGetProperty("params", out var p) ? p : default;
        if (method is null)
        {
            if (hasId && id.ValueKind == JsonValueKind.Number && _waiting.TryGetValue(id.GetInt64(), out var answer))
            {
                if (message.TryGetProperty("error", out var error))
                {
                    answer.TrySetException(new JsonRpcException(
                        error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.Number ? code.GetInt32() : JsonRpcException.InternalError,
                        error.TryGetProperty("message", out var text) ? text.GetString() ?? "error" : "error"));
                }
                else
                {
                    answer.TrySetResult(message.TryGetProperty("result", out var result) ? result : default);
                }
            }

            return;
        }

        if (!hasId)
        {
            if (method == "notifications/cancelled" && parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty("requestId", out var cancelled)
                && _running.TryGetValue(cancelled.GetRawText(), out var running))
            {
                running.Cancel();
            }
            else
            {
                OnNotification?.Invoke(method, parameters);
            }

            return;
        }

        var key = id.GetRawText();
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _running[key] = stop;
        var handling = Task.Run(async () =>
        {
            try
            {
                if (OnRequest is null)
                {
                    throw new JsonRpcException(JsonRpcException.MethodNotFound, $"Method not found: {method}");
                }

                var result = await OnRequest(method, parameters, stop.Token).ConfigureAwait(false);
                await WriteAsync(json =>
                {
                    json.WritePropertyName("id"); id.WriteTo(json);
                    json.WriteStartObject("result");
                    result(json);
                    json.WriteEndObject();
                }).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                var (code, text) = e is JsonRpcException rpc ? (rpc.Code, rpc.Message) : e is OperationCanceledException ? (-32800, "Request cancelled") : (JsonRpcException.InternalError, e.Message);
                await WriteAsync(json => { json.WritePropertyName("id"); id.WriteTo(json); WriteError(json, code, text); }).ConfigureAwait(false);
            }
            finally
            {
                _running.TryRemove(key, out _);
                stop.Dispose();
            }
        }, CancellationToken.None);
        _handling[handling] = true;
        _ = handling.ContinueWith(done => _handling.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private static void WriteParams(Utf8JsonWriter json, Action<Utf8JsonWriter>? parameters)
    {
        if (parameters is not null)
        {
            json.WriteStartObject("params");
            parameters(json);
            json.WriteEndObject();
        }
    }

    private static void WriteError(Utf8JsonWriter json, int code, string message)
    {
        json.WriteStartObject("error");
        json.WriteNumber("code", code);
        json.WriteString("message", message);
        json.WriteEndObject();
    }

    private async Task WriteAsync(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("jsonrpc", "2.0");
            body(json);
            json.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        await _write.WaitAsync().ConfigureAwait(false);
        try
        {
            await output.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length)).ConfigureAwait(false);
            await output.FlushAsync().ConfigureAwait(false);
        }
        finally
        {
            _write.Release();
        }
    }

    public ValueTask DisposeAsync()
    {
        _write.Dispose();
        return ValueTask.CompletedTask;
    }
}
