namespace OpenInterpreter.Core.Models;

/// <summary>Whether one streamed OpenAI response carried its <c>data: [DONE]</c> line (see <see cref="DoneLineWatcher"/>).</summary>
internal sealed class DoneLine
{
    private volatile bool _seen;

    /// <summary>Whether the line has been read.</summary>
    public bool Seen => _seen;

    public void Mark() => _seen = true;
}
