using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace OpenInterpreter.Cli.Server;

/// <summary>Small JSON answers of the server, written with <see cref="Utf8JsonWriter"/> (no reflection, Native AOT clean).</summary>
internal static class ServerResponses
{
    /// <summary><c>{"error": message}</c> with <paramref name="status"/>.</summary>
    public static Task ErrorAsync(HttpContext context, int status, string message) =>
        JsonAsync(context, status, json => json.WriteString("error", message));

    /// <summary>An object written by <paramref name="body"/> with <paramref name="status"/>.</summary>
    public static async Task JsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Writes a setting's value as JSON: text, number, flag, list of text, or null.</summary>
    public static void WriteValue(Utf8JsonWriter json, string name, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNull(name);
                break;
            case bool flag:
                json.WriteBoolean(name, flag);
                break;
            case int number:
                json.WriteNumber(name, number);
                break;
            case double number:
                json.WriteNumber(name, number);
                break;
            case IEnumerable<string> items:
                json.WriteStartArray(name);
                foreach (var item in items)
                {
                    json.WriteStringValue(item);
                }

                json.WriteEndArray();
                break;
            default:
                json.WriteString(name, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
        }
    }
}
