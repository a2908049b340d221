using OpenInterpreter.Core.Messages;

namespace OpenInterpreter.Core.Tools;

/// <summary>Streams a tool's one-piece text result as a console output message.</summary>
public static class ToolResult
{
    /// <summary>The start, content and end chunks of an output message holding <paramref name="text"/>.</summary>
    public static IEnumerable<LmcChunk> Output(string text)
    {
        yield return new LmcChunk(LmcRole.Computer, LmcType.Console, LmcFormat.Output, Start: true);
        yield return new LmcChunk(LmcRole.Computer, LmcType.Console, LmcFormat.Output, text);
        yield return new LmcChunk(LmcRole.Computer, LmcType.Console, LmcFormat.Output, End: true);
    }
}
