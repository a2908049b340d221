using System.Text;

namespace OpenInterpreter.Core.Models;

/// <summary>
/// Sends the reply limit as <c>max_tokens</c> instead of the OpenAI SDK's <c>max_completion_tokens</c>, which many
/// OpenAI-compatible servers (vLLM, llama.cpp, LM Studio, proxies) ignore. Only api.openai.com itself keeps the new name.
/// </summary>
public sealed class MaxTokensRenamer(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    // The SDK writes compact JSON: the key appears as exactly this, and inside a string value its quotes would be
    // escaped, so no message text can match.
    private static readonly byte[] NewName = Encoding.UTF8.GetBytes("\"max_completion_tokens\":");
    private static readonly byte[] OldName = Encoding.UTF8.GetBytes("\"max_tokens\":");

    /// <summary>Whether <paramref name="route"/> gets <c>max_tokens</c>: every OpenAI-compatible endpoint but OpenAI's own.</summary>
    public static bool AppliesTo(ModelRoute route) =>
        route.Provider.Kind == ProviderKind.OpenAICompatible && !(route.Provider.Prefix == Provider.OpenAI.Prefix && route.Endpoint is null);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is { } content)
        {
            var body = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var at = body.AsSpan().IndexOf(NewName);
            if (at >= 0)
            {
                var renamed = new ByteArrayContent([.. body.AsSpan(0, at), .. OldName, .. body.AsSpan(at + NewName.Length)]);
                foreach (var header in content.Headers.Where(h => h.Key != "Content-Length"))
                {
                    renamed.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                request.Content = renamed;
            }
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
