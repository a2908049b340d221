namespace OpenInterpreter.Core.Models;

/// <summary>
/// Remembers the <c>Retry-After</c> of the last failed HTTP answer. Not every SDK keeps the headers on the exception
/// it throws, so the retrying client reads the server's wish here instead.
/// </summary>
public sealed class RetryAfterRecorder(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly Lock _gate = new();
    private TimeSpan? _lastRetryAfter;

    /// <summary>The wait the last failed answer asked for, if it asked; reading it clears it.</summary>
    public TimeSpan? TakeRetryAfter()
    {
        lock (_gate)
        {
            var wish = _lastRetryAfter;
            _lastRetryAfter = null;
            return wish;
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode && response.Headers.RetryAfter is { } retryAfter)
        {
            lock (_gate)
            {
                _lastRetryAfter = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - DateTimeOffset.UtcNow : null);
            }
        }

        return response;
    }
}
