namespace OpenInterpreter.Core.Models;

/// <summary>A provider answered a request of our own clients (Anthropic, Ollama) with an HTTP error.</summary>
public sealed class ModelHttpException(int status, string body)
    : Exception($"The model server answered {status}: {body}")
{
    public int Status { get; } = status;

    /// <summary>The answer's body, which usually holds the provider's own error message.</summary>
    public string Body { get; } = body;

    /// <summary>Throws for an unsuccessful <paramref name="response"/>, with its body.</summary>
    public static async Task ThrowIfFailedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new ModelHttpException((int)response.StatusCode, body);
        }
    }
}
