using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace OpenInterpreter.Testing;

/// <summary>
/// A scripted model server on 127.0.0.1 that speaks the OpenAI chat completions wire format exactly: JSON for plain
/// requests, and server-sent events with content deltas, tool-call deltas whose arguments arrive in several
/// fragments, <c>finish_reason</c> and <c>[DONE]</c> for streaming ones. The same rules also answer in Anthropic's
/// Messages format (<c>/v1/messages</c>) and Ollama's (<c>/api/chat</c>), and the server lists its models as Ollama
/// (<c>/api/tags</c>, <c>/api/show</c>) and OpenAI-compatible servers (<c>/v1/models</c>) do, for <c>--local</c>.
/// Rules pick the reply; every request is recorded.
/// </summary>
public sealed class FakeModelServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<(Func<RecordedRequest, bool> Matches, FakeReply Reply, bool Once)> _rules = [];
    private readonly List<RecordedRequest> _requests = [];
    private readonly Task _serving;
    private readonly List<string> _models = [];
    private readonly HashSet<string> _toolModels = [];
    private int _callNumber;

    private FakeModelServer(int port)
    {
        Port = port;
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>The base URL to pass as <c>--api_base</c>.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}/v1";

    /// <summary>The server's root URL, for clients that add the API's own path (Anthropic's <c>/v1/messages</c>, Ollama's <c>/api/chat</c>).</summary>
    public string RootUrl => $"http://127.0.0.1:{Port}";

    /// <summary>Every request received so far, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public static FakeModelServer Start()
    {
        // Ask the kernel for a free port, then listen on it.
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            try
            {
                return new FakeModelServer(port);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }
    }

    /// <summary>When the last message contains <paramref name="text"/>, reply with <paramref name="reply"/>.</summary>
    public FakeModelServer WhenLastMessageContains(string text, FakeReply reply, bool once = false) =>
        When(r => r.LastMessageText.Contains(text, StringComparison.Ordinal), reply, once);

    /// <summary>When <paramref name="matches"/> holds for a request, reply with <paramref name="reply"/>.</summary>
    public FakeModelServer When(Func<RecordedRequest, bool> matches, FakeReply reply, bool once = false)
    {
        lock (_rules)
        {
            _rules.Add((matches, reply, once));
        }

        return this;
    }

    /// <summary>
    /// The models this server lists (<c>/api/tags</c>, <c>/v1/models</c>); once any are listed, Ollama chat requests
    /// for another model get Ollama's "not found, try pulling it first". <paramref name="tools"/>: Ollama says they call tools.
    /// </summary>
    public FakeModelServer WithModels(IEnumerable<string> names, bool tools = false)
    {
        lock (_models)
        {
            foreach (var name in names)
            {
                _models.Add(name);
                if (tools)
                {
                    _toolModels.Add(name);
                }
            }
        }

        return this;
    }

    /// <summary>The reply when no other rule matches.</summary>
    public FakeModelServer Otherwise(FakeReply reply) => When(_ => true, reply);

    public async ValueTask DisposeAsync()
    {
        // HttpListener shares one socket per port inside a process; closing it can race a listener of another test
        // on a reused port. A failed shutdown of a test server is not the test's result, so it is not thrown.
        try
        {
            _listener.Stop();
            _listener.Close();
            await _serving.ConfigureAwait(false);
        }
        catch (Exception e) when (e is ObjectDisposedException or HttpListenerException or SocketException or InvalidOperationException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync().ConfigureAwait(false);
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null)
                .ToDictionary(k => k!, k => context.Request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
            var request = new RecordedRequest(context.Request.HttpMethod, context.Request.Url?.AbsolutePath ?? "", headers, body)
            {
                Query = context.Request.Url?.Query ?? "",
            };
            lock (_requests)
            {
                _requests.Add(request);
            }

            List<string> models;
            lock (_models)
            {
                models = [.. _models];
            }

            var path = request.Path;
            if (path.EndsWith("/api/tags", StringComparison.Ordinal))
            {
                await OllamaWire.WriteTagsAsync(response, models).ConfigureAwait(false);
                return;
            }

            var model = body.Length > 0 && request.Json.TryGetProperty("model", out var m) ? m.GetString() ?? "" : "";
            if (path.EndsWith("/api/show", StringComparison.Ordinal))
            {
                bool tools;
                lock (_models)
                {
                    tools = _toolModels.Contains(model);
                }

                await OllamaWire.WriteShowAsync(response, tools).ConfigureAwait(false);
                return;
            }

            if (path.EndsWith("/models", StringComparison.Ordinal) && request.Method == "GET")
            {
                await WriteModelListAsync(response, models).ConfigureAwait(false);
                return;
            }

            var reply = Pick(request);
            if (reply is HeldReply held)
            {
                await held.Release.ConfigureAwait(false);
                reply = held.Reply;
            }

            if (reply is ResetReply)
            {
                // Headers promise a body, then the connection drops before its first byte.
                response.ContentType = "text/event-stream";
                response.ContentLength64 = 4096;
                await response.OutputStream.FlushAsync().ConfigureAwait(false);
                response.Abort();
                return;
            }

            if (reply is ErrorReply { RetryAfterSeconds: { } retryAfter })
            {
                response.AddHeader("Retry-After", retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            var streamProperty = body.Length > 0 && request.Json.TryGetProperty("stream", out var stream) ? stream.ValueKind : JsonValueKind.Undefined;
            var callNumber = Interlocked.Increment(ref _callNumber);
            if (reply is StreamFaultReply or HtmlReply)
            {
                await StreamFaultWire.WriteAsync(response, reply, path, model, callNumber).ConfigureAwait(false);
                return;
            }

            if (path.EndsWith("/api/chat", StringComparison.Ordinal))
            {
                // Ollama streams unless told not to.
                await OllamaWire.WriteChatAsync(response, reply, streamProperty != JsonValueKind.False, model, models).ConfigureAwait(false);
            }
            else if (path.EndsWith("/messages", StringComparison.Ordinal))
            {
                await AnthropicWire.WriteAsync(response, reply, streamProperty == JsonValueKind.True, model, callNumber).ConfigureAwait(false);
            }
            else
            {
                await OpenAIWire.WriteAsync(response, reply, streamProperty == JsonValueKind.True, model, callNumber).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client went away (a cancelled stream): nothing left to answer.
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
            }
        }
    }

    private static Task WriteModelListAsync(HttpListenerResponse response, IEnumerable<string> models)
    {
        response.ContentType = "application/json";
        return OpenAIWire.WriteBodyAsync(response, OpenAIWire.Json(w =>
        {
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            foreach (var name in models)
            {
                w.WriteStartObject();
                w.WriteString("id", name);
                w.WriteString("object", "model");
                w.WriteNumber("created", 1_764_000_000);
                w.WriteString("owned_by", "fake");
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }));
    }

    private FakeReply Pick(RecordedRequest request)
    {
        lock (_rules)
        {
            for (var i = 0; i < _rules.Count; i++)
            {
                if (_rules[i].Matches(request))
                {
                    var reply = _rules[i].Reply;
                    if (_rules[i].Once)
                    {
                        _rules.RemoveAt(i);
                    }

                    return reply;
                }
            }
        }

        return FakeReply.Error(500, "The fake model server has no rule for this request.");
    }
}
