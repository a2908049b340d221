using System.Collections;
using System.Globalization;
using System.Net;
using OpenInterpreter.Cli.CommandLine;

namespace OpenInterpreter.Cli.Server;

/// <summary>
/// Where <c>--server</c> listens and the key it asks for: <c>--host</c>/<c>--port</c>, else <c>INTERPRETER_HOST</c>/
/// <c>INTERPRETER_PORT</c>, else 127.0.0.1:8000; the key from <c>INTERPRETER_API_KEY</c>. A host other than
/// loopback without a key is refused: the server runs code on this machine. With
/// <c>INTERPRETER_SHARED_CONVERSATION=true</c> every client uses the one conversation of the HTTP routes.
/// </summary>
internal sealed record ServerAddress(string Host, IPAddress Address, int Port, string? ApiKey)
{
    /// <summary>Whether websocket clients share one conversation instead of getting one each.</summary>
    public bool SharedConversation { get; init; }

    public const string DefaultHost = "127.0.0.1";
    public const int DefaultPort = 8000;

    public static ServerAddress Resolve(string? host, int? port, IDictionary environment)
    {
        host ??= environment["INTERPRETER_HOST"] as string is { Length: > 0 } h ? h : DefaultHost;
        var portText = environment["INTERPRETER_PORT"] as string;
        if (port is null && portText is { Length: > 0 })
        {
            port = int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var p)
                ? p
                : throw new UsageException($"INTERPRETER_PORT must be a port number, not '{portText}'.");
        }

        var number = port ?? DefaultPort;
        if (number is < 0 or > 65535)
        {
            throw new UsageException($"--port must be between 0 and 65535, not {number}.");
        }

        var address = host == "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(host, out var parsed) ? parsed
            : throw new UsageException($"--host must be an IP address or localhost, not '{host}'.");
        var key = environment["INTERPRETER_API_KEY"] as string is { Length: > 0 } k ? k : null;
        if (key is null && !IPAddress.IsLoopback(address))
        {
            throw new UsageException(
                $"Refusing to serve on {host} without a key: anyone who reaches it could run code here.",
                "Set INTERPRETER_API_KEY, or listen on 127.0.0.1.");
        }

        var shared = environment["INTERPRETER_SHARED_CONVERSATION"] as string is { } s && s.Trim().ToLowerInvariant() is "1" or "true" or "yes";
        return new ServerAddress(host, address, number, key) { SharedConversation = shared };
    }

    /// <summary>True when <paramref name="given"/> is the key (compared in constant time), or when no key is set.</summary>
    public bool Accepts(string? given) =>
        ApiKey is null || (given is not null && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(given), System.Text.Encoding.UTF8.GetBytes(ApiKey)));
}
