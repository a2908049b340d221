using System.Diagnostics;
using System.Text;

namespace OpenInterpreter.Core.Models;

/// <summary>
/// Writes each request to the model and each raw chunk of its answer to a log, with keys masked, for <c>--verbose</c>.
/// </summary>
public sealed class VerboseHttpHandler(Action<string> log, string? apiKey) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var headers = string.Join(", ", request.Headers.Select(h => $"{h.Key}: {string.Join(",", h.Value)}"));
        log(Mask($"→ {request.Method} {request.RequestUri} [{headers}]\n{body}"));

        var clock = Stopwatch.StartNew();
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        log($"← {(int)response.StatusCode} {response.ReasonPhrase} after {clock.ElapsedMilliseconds} ms");

        var inner = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        ResponseBodyStream.Substitute(response, new LoggingStream(inner, chunk => log(Mask($"← chunk +{clock.ElapsedMilliseconds} ms: {chunk}"))));
        return response;
    }

    private string Mask(string text) => SecretMask.Scrub(text, apiKey);

    /// <summary>Passes reads through and reports each one's bytes as text.</summary>
    private sealed class LoggingStream(Stream inner, Action<string> onRead) : ResponseBodyStream(inner)
    {
        public override int Read(Span<byte> buffer) => Report(buffer[..Inner.Read(buffer)]);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await Inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            return Report(buffer.Span[..read]);
        }

        private int Report(ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length > 0)
            {
                onRead(Encoding.UTF8.GetString(bytes).TrimEnd());
            }

            return bytes.Length;
        }
    }
}
