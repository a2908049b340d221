using System.ClientModel;
using System.Text.Json;

namespace OpenInterpreter.Core.Models;

/// <summary>Turns what the SDKs and the network throw into one line the user can act on.</summary>
public static class ModelErrorTranslator
{
    /// <summary>
    /// The user-facing error for <paramref name="error"/>, or null when it is not a model-call failure.
    /// <paramref name="midReply"/>: it came after part of the reply had streamed, so it was not retried (only a request
    /// that has sent nothing yet is) and what arrived is kept.
    /// </summary>
    public static InterpreterException? Translate(Exception error, ChatModel model, bool midReply = false)
    {
        if (error is InterpreterException known)
        {
            return known;
        }

        // Ours, thrown from inside an SDK's pipeline (an HTML page from a proxy) and wrapped on the way out.
        for (var inner = error.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is InterpreterException wrapped)
            {
                return wrapped;
            }
        }

        var route = model.Route;
        var endpoint = route.EndpointText;
        var provider = route.Provider.DisplayName;
        var keyName = model.KeySource ?? route.Provider.KeyVariable ?? "--api_key";
        var failure = ModelFailure.From(error);
        var detail = failure is null ? "" : Detail(Innermost(error), failure);

        if (route.Provider.Kind == ProviderKind.Ollama && (failure?.Status == 404 || detail.Contains("not found", StringComparison.OrdinalIgnoreCase)))
        {
            return new InterpreterException(
                $"Ollama at {endpoint} does not have the model '{route.ModelId}'{(detail.Length > 0 ? $" ({detail.TrimStart(':', ' ')})" : "")}.",
                $"Run: ollama pull {route.ModelId}", error);
        }

        if (detail.Contains("does not support tools", StringComparison.OrdinalIgnoreCase))
        {
            return new InterpreterException(
                $"{provider} says model '{route.ModelId}' cannot call tools{detail}.",
                "Add --no-llm_supports_functions: the model then writes code as fenced blocks, which are run the same way.", error);
        }

        if (failure is null && Innermost(error) is System.Text.Json.JsonException json)
        {
            // The OpenAI SDK reads each event itself; a broken one surfaces here.
            return new InterpreterException(
                $"{provider} at {endpoint} sent a stream event that is not valid JSON ({FirstLine(json.Message)}); what arrived is kept.",
                "Try again; if it keeps happening, something between you and the server is changing the reply.", error);
        }

        (string Message, string Hint)? line = failure switch
        {
            null when error is OperationCanceledException => (
                $"{endpoint} stopped answering: no reply came in time.", "Try again, or check that the server is not overloaded."),
            null => null,
            { Status: 401 } => (
                $"{provider} rejected the API key (401 Unauthorized{detail}).", $"Check {keyName}."),
            { Status: 403 } => (
                $"{provider} refused access (403 Forbidden{detail}).", $"Check that the key in {keyName} may use model '{route.ModelId}'."),
            { Status: 404 } => (
                $"{provider} does not know model '{route.ModelId}' at {endpoint} (404{detail}).", "Check --model and --api_base."),
            // A server's error event after some text: the same status a rejected request has, but nothing was retried.
            { Status: 429 or >= 500 } f when midReply => (
                $"{provider} sent a {(f.Status == 429 ? "rate limit" : "server")} error in the middle of the reply ({f.Status}{detail}); what arrived is kept; it was not retried.", "Try again in a moment."),
            { Status: 429 } => (
                $"{provider} is rate limiting the requests (429{detail}); gave up after {RetryingChatClient.MaxAttempts} tries.", "Wait a moment and try again, or check your plan's limits."),
            { Status: >= 500 } f => (
                $"{provider} had a server error ({f.Status}{detail}); gave up after {RetryingChatClient.MaxAttempts} tries.", "Try again in a moment."),
            { Status: { } status } => (
                $"{provider} refused the request ({status}{detail}).", "Check the model settings (--model, --max_tokens, --temperature)."),
            { ConnectionFailed: true } when IsRefused(error) => (
                $"Could not connect to {endpoint}.", "Is the server running? Check --api_base."),
            { ConnectionFailed: true } => (
                $"The connection to {endpoint} broke off ({FirstLine(Innermost(error).Message)}); what arrived is kept.", "Try again."),
            _ => (
                $"{provider} failed: {FirstLine(failure.ServerMessage ?? error.Message)}.", "Check the model settings (--model, --api_base)."),
        };
        return line is { } l ? new InterpreterException(l.Message, l.Hint, error) : null;
    }

    /// <summary>The failure under the wrappers of SDK retry policies and transports.</summary>
    private static Exception Innermost(Exception error) => error switch
    {
        AggregateException { InnerExceptions.Count: > 0 } many => Innermost(many.InnerExceptions[^1]),
        ClientResultException { Status: 0, InnerException: { } inner } => Innermost(inner),
        _ => error,
    };

    private static bool IsRefused(Exception error)
    {
        for (var e = error; e is not null; e = e is AggregateException { InnerExceptions.Count: > 0 } many ? many.InnerExceptions[^1] : e.InnerException)
        {
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } or System.Net.Sockets.SocketException)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The server's own error message, when its body has one (<c>{"error":{"message":…}}</c> or <c>{"error":"…"}</c>).</summary>
    private static string Detail(Exception error, ModelFailure failure)
    {
        string? body;
        try
        {
            body = error is ClientResultException result ? result.GetRawResponse()?.Content?.ToString() : failure.ServerMessage;
        }
        catch (InvalidOperationException)
        {
            return "";
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            return "";
        }

        try
        {
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
            // Not JSON: the server's message as it is.
            return ": " + FirstLine(body);
        }
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim().TrimEnd('.');
        return line.Length > 200 ? line[..200] + "…" : line;
    }
}
