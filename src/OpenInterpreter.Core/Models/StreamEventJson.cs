using System.Text;
using System.Text.Json;

namespace OpenInterpreter.Core.Models;

/// <summary>
/// Parses the JSON of one streamed event (an SSE <c>data:</c> line, an NDJSON line) for our own clients; a broken one
/// becomes one line that names the provider and shows what came: half an event (the stream was cut inside it) or an
/// event that is not JSON at all.
/// </summary>
internal static class StreamEventJson
{
    private const int Shown = 60;

    public static JsonDocument Parse(string json, string provider, string endpoint)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            var shown = json.Length > Shown ? json[..Shown] + "…" : json;
            throw IsCut(json)
                ? new InterpreterException(
                    $"The reply from {provider} at {endpoint} broke off in the middle of an event ({shown}); what arrived is kept.",
                    "Try again.", e)
                : new InterpreterException(
                    $"{provider} at {endpoint} sent a stream event that is not valid JSON ({shown}); what arrived is kept.",
                    "Try again; if it keeps happening, something between you and the server is changing the reply.", e);
        }
    }

    /// <summary>Whether <paramref name="json"/> is the start of valid JSON that just stops.</summary>
    private static bool IsCut(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes, isFinalBlock: false, state: default);
        try
        {
            while (reader.Read())
            {
            }

            return reader.BytesConsumed < bytes.Length || reader.CurrentDepth > 0 || reader.TokenType == JsonTokenType.None;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
