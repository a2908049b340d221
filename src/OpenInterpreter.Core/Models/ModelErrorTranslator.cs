using System.ClientModel;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json;

namespace OpenInterpreter.Core.Models;

/// <summary>Turns what the SDK and the network throw into one line the user can act on.</summary>
public static class ModelErrorTranslator
{
    /// <summary>The user-facing error for <paramref name="error"/>, or null when it is not a model-call failure.</summary>
    public static InterpreterException? Translate(Exception error, ChatModel model)
    {
        var endpoint = model.Route.EndpointText;
        var provider = model.Route.Provider.DisplayName;
        var keyName = model.KeySource ?? model.Route.Provider.KeyVariable ?? "--api_key";
        if (error is InterpreterException known)
        {
            return known;
        }

        // The SDK's retry policy wraps the failure of each try, and its transport wraps network failures in a
        // status-less result: the innermost failure says what happened.
        switch (error)
        {
            case AggregateException { InnerExceptions.Count: > 0 } retried:
                return Translate(retried.InnerExceptions[^1], model);
            case ClientResultException { Status: 0, InnerException: { } inner }:
                return Translate(inner, model);
        }

        (string Message, string Hint)? line = error switch
        {
            ClientResultException { Status: 401 } e => (
                $"{provider} rejected the API key (401 Unauthorized{Detail(e)}).", $"Check {keyName}."),
            ClientResultException { Status: 403 } e => (
                $"{provider} refused access (403 Forbidden{Detail(e)}).", $"Check that the key in {keyName} may use model '{model.Route.ModelId}'."),
            ClientResultException { Status: 404 } e => (
                $"{provider} does not know model '{model.Route.ModelId}' at {endpoint} (404{Detail(e)}).", "Check --model and --api_base."),
            ClientResultException { Status: 429 } e => (
                $"{provider} is rate limiting the requests (429{Detail(e)}).", "Wait a moment and try again, or check your plan's limits."),
            ClientResultException { Status: >= 500 } e => (
                $"{provider} had a server error ({e.Status}{Detail(e)}).", "Try again in a moment."),
            ClientResultException { Status: > 0 } e => (
                $"{provider} refused the request ({e.Status}{Detail(e)}).", "Check the model settings (--model, --max_tokens, --temperature)."),
            HttpRequestException { InnerException: SocketException } or HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => (
                $"Could not connect to {endpoint}.", "Is the server running? Check --api_base."),
            OperationCanceledException => (
                $"{endpoint} stopped answering: no reply came in time.", "Try again, or check that the server is not overloaded."),
            HttpRequestException or IOException or ClientResultException => (
                $"The connection to {endpoint} broke off ({FirstLine(error.Message)}); what arrived is kept.", "Try again."),
            _ => null,
        };
        return line is { } l ? new InterpreterException(l.Message, l.Hint, error) : null;
    }

    /// <summary>The server's own error message, when its body has one (OpenAI's <c>{"error":{"message":…}}</c>).</summary>
    private static string Detail(ClientResultException e)
    {
        try
        {
            var body = e.GetRawResponse()?.Content?.ToString();
            if (string.IsNullOrWhiteSpace(body))
            {
                return "";
            }

            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var inner))
            {
                root = inner;
            }

            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                return ": " + FirstLine(message.GetString() ?? "");
            }

            return root.ValueKind == JsonValueKind.String ? ": " + FirstLine(root.GetString() ?? "") : "";
        }
        catch (JsonException)
        {
            return "";
        }
        catch (InvalidOperationException)
        {
            return "";
        }
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length > 200 ? line[..200] + "…" : line;
    }
}
