using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace OpenInterpreter.Testing;

/// <summary>
/// A scripted model server on 127.0.0.1 that speaks the OpenAI chat completions wire format exactly: JSON for plain
/// requests, and server-sent events with content deltas, tool-call deltas whose arguments arrive in several
/// fragments, <c>finish_reason</c> and <c>[DONE]</c> for streaming ones. Rules pick the reply; every request is recorded.
/// </summary>
public sealed class FakeModelServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<(Func<RecordedRequest, bool> Matches, FakeReply Reply, bool Once)> _rules = [];
    private readonly List<RecordedRequest> _requests = [];
    private readonly Task _serving;
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

    /// <summary>The reply when no other rule matches.</summary>
    public FakeModelServer Otherwise(FakeReply reply) => When(_ => true, reply);

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _serving.ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
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
            var request = new RecordedRequest(context.Request.HttpMethod, context.Request.Url?.AbsolutePath ?? "", headers, body);
            lock (_requests)
            {
                _requests.Add(request);
            }

            var reply = Pick(request);
            var streaming = body.Length > 0 && request.Json.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True;
            var model = body.Length > 0 && request.Json.TryGetProperty("model", out var m) ? m.GetString() ?? "" : "";
            await OpenAIWire.WriteAsync(response, reply, streaming, model, Interlocked.Increment(ref _callNumber)).ConfigureAwait(false);
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
