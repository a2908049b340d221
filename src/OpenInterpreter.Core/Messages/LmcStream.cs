namespace OpenInterpreter.Core.Messages;

/// <summary>Which stream a chunk of console output came from (<see cref="LmcChunk.Stream"/>).</summary>
public static class LmcStream
{
    public const string Stdout = "stdout";
    public const string Stderr = "stderr";
}
