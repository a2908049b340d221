using System.ClientModel;
using System.Net;
using System.Net.Sockets;

namespace OpenInterpreter.Core.Models;

/// <summary>
/// What a failed model call amounts to, whatever client threw it: the HTTP status (null when no answer came) and whether
/// the connection itself failed. Retries and error messages are decided on this, not on each client's exception types.
/// </summary>
public sealed record ModelFailure(int? Status, bool ConnectionFailed, string? ServerMessage)
{
    /// <summary>Nothing listens there, or the name does not resolve: trying again at once cannot help.</summary>
    public bool Unreachable { get; init; }

    /// <summary>Whether trying again may help: rate limits, server errors, and connections that were reset or broke.</summary>
    public bool IsTransient => Status is 408 or 409 or 429 or >= 500 || (Status is null && ConnectionFailed && !Unreachable);

    /// <summary>A few words for the retry notice: "rate limited", "server error 503", "connection failed".</summary>
    public string ShortReason => Status switch
    {
        429 => "rate limited",
        { } status => $"server error {status}",
        null => "connection failed",
    };

    /// <summary>Classifies <paramref name="error"/>, or returns null when it is not a failure of the call itself.</summary>
    public static ModelFailure? From(Exception error)
    {
        switch (error)
        {
            case AggregateException { InnerExceptions.Count: > 0 } many:
                return From(many.InnerExceptions[^1]);
            case ClientResultException { Status: 0, InnerException: { } inner }:
                return From(inner);
            case ClientResultException result:
                return new ModelFailure(result.Status, false, null);
            case ModelHttpException http:
                return new ModelFailure(http.Status, false, http.Body);
            case HttpRequestException { StatusCode: { } status } http:
                return new ModelFailure((int)status, false, http.Message);
            case HttpRequestException or IOException or SocketException:
                return new ModelFailure(null, true, null) { Unreachable = IsUnreachable(error) };
            default:
                return null;
        }
    }

    private static bool IsUnreachable(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError }
                || e is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable or SocketError.NetworkUnreachable })
            {
                return true;
            }
        }

        return false;
    }
}
