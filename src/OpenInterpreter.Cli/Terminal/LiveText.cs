using OpenInterpreter.Core.Messages;
using Spectre.Console.Rendering;

namespace OpenInterpreter.Cli.Terminal;

/// <summary>The model's text, as Markdown: finished blocks go to the screen for good, the last ones stay live.</summary>
internal sealed class LiveText : ILiveBlock
{
    private readonly StreamingMarkdown _markdown = new();
    private IRenderable _open = new Spectre.Console.Text("");

    public void Add(LmcChunk chunk) => _markdown.Append(chunk.Content);

    public IEnumerable<IRenderable> TakeFinished()
    {
        var (finished, open) = _markdown.Take();
        _open = open;
        return finished;
    }

    public IRenderable RenderLive(int width, int rows) => _open;

    public IEnumerable<IRenderable> RenderFinal(int width) => _markdown.Finish();
}
