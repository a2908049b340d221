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
        var logged = new StreamContent(new LoggingStream(inner, chunk => log(Mask($"← chunk +{clock.ElapsedMilliseconds} ms: {chunk}"))));
        foreach (var header in response.Content.Headers)
        {
            logged.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = logged;
        return response;
    }

    private string Mask(string text) => SecretMask.Scrub(text, apiKey);

    /// <summary>Passes reads through and reports each one's bytes as text.</summary>
    private sealed class LoggingStream(Stream inner, Action<string> onRead) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Report(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            return Report(buffer.Span[..read]);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
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
