using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace OpenInterpreter.Core.Models;

/// <summary>
/// Tries a model call again after a passing failure (429, 5xx, a failed or reset connection), with exponential
/// backoff and jitter or the server's <c>Retry-After</c>, at most <see cref="MaxAttempts"/> times, telling the user
/// each time. A streamed reply is only retried before its first update: what arrived is never sent twice.
/// </summary>
public sealed class RetryingChatClient(IChatClient inner, RetryAfterRecorder? retryAfter, Action<RetryNotice>? notify)
    : DelegatingChatClient(inner)
{
    public const int MaxAttempts = 4;

    /// <summary>Longest wait between tries, also when a server asks for more.</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(60);

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            retryAfter?.TakeRetryAfter();
            try
            {
                return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (ShouldRetry(e, attempt, cancellationToken))
            {
                await WaitAsync(e, attempt, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            // A wish left over from an earlier call must not stretch this one's wait.
            retryAfter?.TakeRetryAfter();
            var updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
            bool any;
            Exception? failure = null;
            try
            {
                any = await updates.MoveNextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (ShouldRetry(e, attempt, cancellationToken))
            {
                any = false;
                failure = e;
            }

            if (failure is not null)
            {
                await updates.DisposeAsync().ConfigureAwait(false);
                await WaitAsync(failure, attempt, cancellationToken).ConfigureAwait(false);
                continue;
            }

            try
            {
                if (!any)
                {
                    yield break;
                }

                yield return updates.Current;
                while (await updates.MoveNextAsync().ConfigureAwait(false))
                {
                    yield return updates.Current;
                }
            }
            finally
            {
                await updates.DisposeAsync().ConfigureAwait(false);
            }

            yield break;
        }
    }

    /// <summary>The wait before try <paramref name="failedAttempt"/> + 1: 1 s, 2 s, 4 s, each ±20 %.</summary>
    public static TimeSpan Backoff(int failedAttempt)
    {
        var seconds = Math.Pow(2, failedAttempt - 1) * (0.8 + (Random.Shared.NextDouble() * 0.4));
        return TimeSpan.FromSeconds(seconds);
    }

    private static bool ShouldRetry(Exception error, int attempt, CancellationToken cancellationToken) =>
        attempt < MaxAttempts && !cancellationToken.IsCancellationRequested && ModelFailure.From(error) is { IsTransient: true };

    private async Task WaitAsync(Exception error, int failedAttempt, CancellationToken cancellationToken)
    {
        var asked = retryAfter?.TakeRetryAfter();
        var delay = asked is { } wish && wish > TimeSpan.Zero ? wish : Backoff(failedAttempt);
        if (delay > LongestWait)
        {
            delay = LongestWait;
        }

        notify?.Invoke(new RetryNotice(ModelFailure.From(error)!.ShortReason, delay, failedAttempt + 1, MaxAttempts));
        await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
    }
}
