using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace OpenInterpreter.Core.Models;

/// <summary>
/// Gives up a streamed reply that goes silent: no first chunk within <c>firstToken</c>, or no next chunk within
/// <c>idle</c>, ends the call with one line (what arrived before stays with the caller). HttpClient's own time-out
/// stops at the response headers, so without this a server that keeps the connection open and sends nothing would
/// be waited on for ever. A zero limit means none.
/// </summary>
public sealed class IdleTimeoutChatClient(IChatClient inner, TimeSpan firstToken, TimeSpan idle, string endpoint)
    : DelegatingChatClient(inner)
{
    /// <summary>How long a cancelled read gets to notice before it is left behind.</summary>
    private static readonly TimeSpan CancelGrace = TimeSpan.FromSeconds(5);

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var updates = base.GetStreamingResponseAsync(messages, options, stop.Token).GetAsyncEnumerator(stop.Token);
        Task<bool>? next = null;
        try
        {
            var first = true;
            while (true)
            {
                var limit = first ? firstToken : idle;
                next = updates.MoveNextAsync().AsTask();
                bool more;
                try
                {
                    more = limit > TimeSpan.Zero
                        ? await next.WaitAsync(limit, cancellationToken).ConfigureAwait(false)
                        : await next.ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // Close the silent connection, then say which wait ran out and which setting changes it.
                    await stop.CancelAsync().ConfigureAwait(false);
                    await Observe(next).ConfigureAwait(false);
                    throw Stalled(first, limit);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !next.IsCompleted)
                {
                    // Stopped (Ctrl-C) while a read was in flight: it must end before the stream is disposed, or the
                    // disposal throws NotSupportedException in place of the cancellation.
                    await Observe(next).ConfigureAwait(false);
                    throw;
                }

                if (!more)
                {
                    yield break;
                }

                first = false;
                yield return updates.Current;
            }
        }
        finally
        {
            // A read that has not noticed its cancellation within the grace is left behind rather than disposed under it.
            if (next is null || next.IsCompleted)
            {
                await updates.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private InterpreterException Stalled(bool first, TimeSpan limit) => first
        ? new InterpreterException(
            $"{endpoint} sent no reply within {Seconds(limit)}; gave up waiting.",
            "Try again, or allow longer with --first_token_timeout (profile key llm.first_token_timeout).")
        : new InterpreterException(
            $"{endpoint} went silent for {Seconds(limit)} in the middle of the reply; what arrived is kept.",
            "Try again, or allow longer with --idle_timeout (profile key llm.idle_timeout).");

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds:0.#} s";

    private static async Task Observe(Task<bool> read)
    {
        try
        {
            await read.WaitAsync(CancelGrace).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException or IOException or HttpRequestException or ObjectDisposedException)
        {
            // The read was cancelled, as asked; what it threw is not the news.
        }
    }
}
