namespace OpenInterpreter.Core.Models;

/// <summary>
/// Watches a streamed OpenAI response for its <c>data: [DONE]</c> line. The SDK ends its updates alike at
/// <c>[DONE]</c> and at a connection that just closed, so without this a reply that ended properly but named no
/// <c>finish_reason</c> could not be told from a cut one (see <see cref="OpenAIStreamEndChatClient"/>).
/// </summary>
internal sealed class DoneLineWatcher(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    // The SDK builds the request out of our sight; the caller's flow is what ties a response to the stream asking.
    private static readonly AsyncLocal<DoneLine?> Watching = new();

    /// <summary>Watches the response to the next request sent from the calling flow.</summary>
    public static DoneLine Watch() => Watching.Value = new DoneLine();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var line = Watching.Value;
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (line is null || !response.IsSuccessStatusCode)
        {
            return response;
        }

        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        ResponseBodyStream.Substitute(response, new DoneLineStream(body, line));
        return response;
    }
}
