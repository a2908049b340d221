using OpenInterpreter.Core.Settings;

namespace OpenInterpreter.Core.Models;

/// <summary>Adds what Azure OpenAI wants on every request: the <c>api-version</c> query and the <c>api-key</c> header.</summary>
internal sealed class AzureRequestHandler(HttpMessageHandler inner, string key, string apiVersion) : DelegatingHandler(inner)
{
    /// <summary>Used when neither <c>--api_version</c> nor <c>AZURE_API_VERSION</c> says which.</summary>
    public const string DefaultApiVersion = "2024-10-21";

    public static string ApiVersionFor(ModelSettings settings) =>
        settings.ApiVersion ?? (Environment.GetEnvironmentVariable("AZURE_API_VERSION") is { Length: > 0 } fromEnvironment ? fromEnvironment : DefaultApiVersion);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri)
        {
            var separator = string.IsNullOrEmpty(uri.Query) ? "?" : "&";
            request.RequestUri = new Uri($"{uri}{separator}api-version={Uri.EscapeDataString(apiVersion)}");
        }

        request.Headers.Remove("Authorization");
        request.Headers.Remove("api-key");
        request.Headers.TryAddWithoutValidation("api-key", key);
        return base.SendAsync(request, cancellationToken);
    }
}
