using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using OpenInterpreter.Cli.Json;
using OpenInterpreter.Core;
using OpenInterpreter.Core.Messages;

namespace OpenInterpreter.Cli.Server;

/// <summary>
/// OI's websocket protocol on <c>/</c>: the client sends LMC chunks (<c>start</c>, <c>content</c>, <c>end</c>) and,
/// when a key is set, <c>{"auth": KEY}</c> first; at each <c>end</c> of a user message the interpreter answers with
/// LMC chunks and then <c>{"role":"server","type":"status","content":"complete"}</c>. A new <c>start</c> or the
/// <c>stop</c> command stops the answer in progress; a dropped connection stops it too.
/// </summary>
internal sealed class WebSocketSession(WebSocket socket, ServerConversation conversation, bool authenticated, ServerAddress address)
{
    private readonly SemaphoreSlim _send = new(1, 1);
    private CancellationToken _connection;
    private bool _authenticated = authenticated;
    private string? _openRole;
    private string? _openType;
    private StringBuilder? _open;
    private CancellationTokenSource? _turnStop;
    private Task _turn = Task.CompletedTask;

    public async Task RunAsync(CancellationToken aborted)
    {
        _connection = aborted;
        try
        {
            while (await ReceiveAsync(aborted).ConfigureAwait(false) is { } text)
            {
                JsonElement chunk;
                try
                {
                    chunk = JsonDocument.Parse(text).RootElement.Clone();
                }
                catch (JsonException e)
                {
                    await SendAsync(ServerChunks.Error($"Not JSON: {e.Message}"), aborted).ConfigureAwait(false);
                    continue;
                }

                if (!await OnChunkAsync(chunk, aborted).ConfigureAwait(false))
                {
                    return;
                }
            }

            if (socket.State == WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", aborted).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The client went away: the finally stops its run.
        }
        finally
        {
            await StopTurnAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Handles one chunk from the client; false when the connection is to be closed.</summary>
    private async Task<bool> OnChunkAsync(JsonElement chunk, CancellationToken aborted)
    {
        var auth = chunk.ValueKind == JsonValueKind.Object && chunk.TryGetProperty("auth", out var given) ? given : (JsonElement?)null;
        if (!_authenticated)
        {
            if (auth is { ValueKind: JsonValueKind.String } key && address.Accepts(key.GetString()))
            {
                _authenticated = true;
                await SendRawAsync("{\"auth\":true}", aborted).ConfigureAwait(false);
                return true;
            }

            await SendAsync(ServerChunks.Error("Invalid or missing API key: send {\"auth\": KEY} first."), aborted).ConfigureAwait(false);
            await socket.CloseAsync(WebSocketCloseStatus.PolicyViolation, "authentication failed", aborted).ConfigureAwait(false);
            return false;
        }

        if (auth is not null)
        {
            await SendRawAsync("{\"auth\":true}", aborted).ConfigureAwait(false);
            return true;
        }

        if (chunk.ValueKind != JsonValueKind.Object)
        {
            await SendAsync(ServerChunks.Error("Expected an LMC chunk: {\"role\", \"type\", \"content\"} with start/end flags."), aborted).ConfigureAwait(false);
            return true;
        }

        var role = Text(chunk, "role") ?? LmcRole.User;
        var type = Text(chunk, "type") ?? LmcType.Message;
        var content = Text(chunk, "content");
        if (Flag(chunk, "start"))
        {
            // As in OI: the user starting to speak stops the interpreter.
            await StopTurnAsync().ConfigureAwait(false);
            (_openRole, _openType, _open) = (role, type, new StringBuilder(content ?? ""));
            return true;
        }

        if (Flag(chunk, "end"))
        {
            if (_open is null)
            {
                return true;
            }

            var whole = _open.ToString();
            var wholeType = _openType;
            _open = null;
            await OnMessageAsync(wholeType, whole, aborted).ConfigureAwait(false);
            return true;
        }

        if (content is null)
        {
            return true;
        }

        if (_open is not null && _openRole == role)
        {
            _open.Append(content);
        }
        else
        {
            // A whole message without flags: answered at once.
            await OnMessageAsync(type, content, aborted).ConfigureAwait(false);
        }

        return true;
    }

    private async Task OnMessageAsync(string? type, string content, CancellationToken aborted)
    {
        if (type == "command")
        {
            await StopTurnAsync().ConfigureAwait(false);
            if (content.Trim() != "go")
            {
                return;
            }
        }

        await StopTurnAsync().ConfigureAwait(false);
        var stop = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        _turnStop = stop;
        _turn = Task.Run(() => AnswerAsync(content, stop), CancellationToken.None);
    }

    private async Task AnswerAsync(string message, CancellationTokenSource stop)
    {
        var token = stop.Token;
        try
        {
            await foreach (var chunk in conversation.RespondAsync(message, token).ConfigureAwait(false))
            {
                await SendAsync(chunk, token).ConfigureAwait(false);
            }

            await SendAsync(ServerChunks.Complete, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is InterpreterException or WebSocketException)
        {
            await TrySendAsync(ServerChunks.Error(e is InterpreterException oi ? oi.OneLine : e.Message)).ConfigureAwait(false);
            await TrySendAsync(ServerChunks.Complete).ConfigureAwait(false);
        }
        finally
        {
            stop.Dispose();
        }
    }

    private async Task StopTurnAsync()
    {
        var stop = _turnStop;
        _turnStop = null;
        if (stop is not null)
        {
            try
            {
                await stop.CancelAsync().ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                // The turn had ended already.
            }
        }

        await _turn.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task<string?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
            }
        }
    }

    private Task SendAsync(LmcChunk chunk, CancellationToken cancellationToken) =>
        SendBytesAsync(JsonSerializer.SerializeToUtf8Bytes(chunk, JsonLinesContext.Default.LmcChunk), cancellationToken);

    private Task SendRawAsync(string json, CancellationToken cancellationToken) => SendBytesAsync(Encoding.UTF8.GetBytes(json), cancellationToken);

    private async Task TrySendAsync(LmcChunk chunk)
    {
        try
        {
            await SendAsync(chunk, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }

    private async Task SendBytesAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        await _send.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A cancelled send aborts the whole websocket, so a stopped turn must not cancel one in flight: the client,
            // which starts its next message as soon as it has "complete", used to stop the turn while that very send
            // was finishing, and the connection closed with 1006. Only the connection's own end cancels a send.
            cancellationToken.ThrowIfCancellationRequested();
            await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, _connection).ConfigureAwait(false);
        }
        finally
        {
            _send.Release();
        }
    }

    private static string? Text(JsonElement chunk, string name) =>
        chunk.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Flag(JsonElement chunk, string name) =>
        chunk.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
