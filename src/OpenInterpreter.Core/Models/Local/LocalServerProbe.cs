using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace OpenInterpreter.Core.Models.Local;

/// <summary>
/// Finds running local model servers for <c>--local</c>: all ports are probed at once with short time-outs, so
/// finding none takes well under a second (a refused connection answers at once). Ollama is asked for its pulled models (<c>/api/tags</c>) and which of
/// them can call tools (<c>/api/show</c>); the others for their OpenAI-compatible <c>/v1/models</c>.
/// </summary>
public static class LocalServerProbe
{
    /// <summary>How long a connection may take: a port where nothing listens refuses at once, so this only bounds a dead host.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How long a server that took the connection may take to list its models before it counts as not there. Only a
    /// port where something listens waits this long; a busy Ollama (loading a model, a loaded machine) may need seconds.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    /// <summary>The models of every server that answered, Code Llama models first, then in server order.</summary>
    public static async Task<IReadOnlyList<LocalModel>> FindModelsAsync(CancellationToken cancellationToken)
    {
        var ports = LocalServer.PortsToProbe(Environment.GetEnvironmentVariable("OI_LOCAL_PORTS"));
        using var http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = ConnectTimeout, UseProxy = false }) { Timeout = Timeout * 2 };
        var found = await Task.WhenAll(ports.Select(p => ProbeAsync(http, p.Server, p.Port, cancellationToken))).ConfigureAwait(false);
        return found.SelectMany(models => models).OrderBy(m => m.IsCodeLlama ? 0 : 1).ToList();
    }

    private static async Task<IReadOnlyList<LocalModel>> ProbeAsync(HttpClient http, LocalServer server, int port, CancellationToken cancellationToken)
    {
        var root = $"http://127.0.0.1:{port}";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            if (server.SpeaksOllama)
            {
                var names = ReadNames(await http.GetStringAsync($"{root}/api/tags", timeout.Token).ConfigureAwait(false), "models", "name");
                // All models at once: one slow answer should not use up the time-out of the rest.
                var tools = await Task.WhenAll(names.Select(name => SupportsToolsAsync(http, root, name, timeout.Token))).ConfigureAwait(false);
                return names.Select((name, i) => new LocalModel(server, name, root, tools[i])).ToList();
            }

            var ids = ReadNames(await http.GetStringAsync($"{root}/v1/models", timeout.Token).ConfigureAwait(false), "data", "id");
            return ids.Select(id => new LocalModel(server, id, $"{root}/v1", null)).ToList();
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or JsonException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            // Not running, not answering in time, or something else on that port: not a server we can use.
            return [];
        }
    }

    /// <summary>Whether Ollama lists "tools" among the model's capabilities; null when it does not say.</summary>
    private static async Task<bool?> SupportsToolsAsync(HttpClient http, string root, string name, CancellationToken cancellationToken)
    {
        using var content = new StringContent(JsonBody(name), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync($"{root}/api/show", content, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        return document.RootElement.TryGetProperty("capabilities", out var capabilities) && capabilities.ValueKind == JsonValueKind.Array
            ? capabilities.EnumerateArray().Any(c => c.ValueKind == JsonValueKind.String && c.GetString() == "tools")
            : null;
    }

    private static string JsonBody(string name)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("model", name);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static List<string> ReadNames(string json, string listProperty, string nameProperty)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty(listProperty, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return list.EnumerateArray()
            .Where(m => m.ValueKind == JsonValueKind.Object && m.TryGetProperty(nameProperty, out var n) && n.ValueKind == JsonValueKind.String)
            .Select(m => m.GetProperty(nameProperty).GetString()!)
            .ToList();
    }
}
