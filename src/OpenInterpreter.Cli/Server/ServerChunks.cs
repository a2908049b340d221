using OpenInterpreter.Core.Messages;

namespace OpenInterpreter.Cli.Server;

/// <summary>The chunks the server itself sends, in OI's shape: <c>role: server</c>, <c>type: status|error</c>.</summary>
internal static class ServerChunks
{
    public const string Role = "server";

    public static readonly LmcChunk Complete = new(Role, "status", Content: "complete");

    public static LmcChunk Error(string line) => new(Role, "error", Content: line);
}
