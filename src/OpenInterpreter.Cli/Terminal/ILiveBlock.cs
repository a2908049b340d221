using OpenInterpreter.Core.Messages;
using Spectre.Console.Rendering;

namespace OpenInterpreter.Cli.Terminal;

/// <summary>One message shown live while it streams: text, code or output.</summary>
internal interface ILiveBlock
{
    void Add(LmcChunk chunk);

    /// <summary>What is final already and can be written for good (Markdown blocks that are complete), possibly nothing.</summary>
    IEnumerable<IRenderable> TakeFinished();

    /// <summary>
    /// The view while streaming, for a window <paramref name="width"/> columns wide of which <paramref name="rows"/>
    /// rows show it: what would be cropped off the top need not be built.
    /// </summary>
    IRenderable RenderLive(int width, int rows);

    /// <summary>The view that stays on screen once the message ended (without what <see cref="TakeFinished"/> gave), <paramref name="width"/> columns wide.</summary>
    IEnumerable<IRenderable> RenderFinal(int width);
}
