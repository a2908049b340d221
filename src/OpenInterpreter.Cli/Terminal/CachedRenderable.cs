using Spectre.Console;
using Spectre.Console.Rendering;

namespace OpenInterpreter.Cli.Terminal;

/// <summary>
/// A renderable whose source no longer changes, laid out once per width: a live frame that draws it again (the block
/// before the one still streaming) costs no layout.
/// </summary>
internal sealed class CachedRenderable(IRenderable inner) : IRenderable
{
    private int _width = -1;
    private List<Segment>? _segments;

    public Measurement Measure(RenderOptions options, int maxWidth) => inner.Measure(options, maxWidth);

    public IEnumerable<Segment> Render(RenderOptions options, int maxWidth)
    {
        if (_segments is null || _width != maxWidth)
        {
            _segments = [.. inner.Render(options, maxWidth)];
            _width = maxWidth;
        }

        return _segments;
    }
}
