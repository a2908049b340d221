namespace OpenInterpreter.Core.Models;

/// <summary>
/// Rewrites a streamed OpenAI response's <c>finish_reason</c> values that the API does not define to <c>null</c>:
/// an empty one (LocalAI sends <c>""</c>) or one of a server's own (<c>"eos"</c>). The OpenAI SDK throws on those
/// while reading the chunk, which failed every reply from such a server; as null, the reply's end is told from its
/// <c>data: [DONE]</c> as for a server that names no reason (<see cref="OpenAIStreamEndChatClient"/>).
/// </summary>
internal sealed class FinishReasonFilter(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            return response;
        }

        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        ResponseBodyStream.Substitute(response, new FinishReasonStream(body));
        return response;
    }
}
