using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace OpenInterpreter.Core.Models;

/// <summary>
/// Catches a successful answer whose body is an HTML page: a proxy, a captive portal or a login page answered instead
/// of the API. Left alone, each client reads it as an empty stream and reports a reply that "broke off".
/// </summary>
public sealed partial class HtmlReplyGuard(HttpMessageHandler inner, string endpoint) : DelegatingHandler(inner)
{
    /// <summary>Enough of a page to find its title.</summary>
    private const int Sniffed = 16 * 1024;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode || !IsHtml(response.Content.Headers.ContentType))
        {
            return response;
        }

        using (response)
        {
            var page = await ReadStartAsync(response, cancellationToken).ConfigureAwait(false);
            var title = Title().Match(page) is { Success: true } m ? Regex.Replace(m.Groups[1].Value, @"\s+", " ").Trim() : "";
            var shown = title.Length > 80 ? title[..80] + "…" : title;
            throw new InterpreterException(
                $"{endpoint} answered with an HTML page{(shown.Length > 0 ? $" (\"{shown}\")" : "")} instead of the API: a proxy, a captive portal or a login page is in the way.",
                "Check --api_base, or open that address in a browser and sign in to the network first.");
        }
    }

    private static bool IsHtml(MediaTypeHeaderValue? type) =>
        type?.MediaType is { } media && (media.Equals("text/html", StringComparison.OrdinalIgnoreCase) || media.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase));

    private static async Task<string> ReadStartAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var buffer = new byte[Sniffed];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
            }

            return System.Text.Encoding.UTF8.GetString(buffer, 0, length);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            return "";
        }
    }

    [GeneratedRegex(@"<title[^>]*>(.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Title();
}
