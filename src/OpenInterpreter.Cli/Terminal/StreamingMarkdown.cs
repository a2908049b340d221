using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace OpenInterpreter.Cli.Terminal;

/// <summary>
/// A Markdown reply that grows while the model streams it. Blocks that can no longer change (all but the last two:
/// a paragraph just begun may still turn out to be the next item of the list before it) are handed out once to be
/// written for good; the rest is rendered again on every frame. Any cut of the text renders without error, and the
/// blocks handed out plus <see cref="Finish"/> give the same lines as rendering the whole text at once.
/// </summary>
internal sealed class StreamingMarkdown
{
    private readonly StringBuilder _text = new();
    private int _done;
    private string? _steadyText;
    private IRenderable? _steadyView;

    public void Append(string? text) => _text.Append(text);

    /// <summary>The blocks that became final since the last call, and a view of the text still open.</summary>
    public (List<IRenderable> Finished, IRenderable Open) Take()
    {
        var rest = _text.ToString(_done, _text.Length - _done);
        var blocks = MarkdownView.Blocks(rest);
        var finished = new List<IRenderable>();
        var keep = Math.Max(blocks.Count - 2, 0);
        finished.AddRange(blocks.Take(keep).Select(b => b.View));
        if (keep > 0)
        {
            _done += blocks[keep].Start;
        }

        return (finished, new Rows(blocks.Skip(keep).Select((b, i) => keep + i < blocks.Count - 1 ? Steady(rest, blocks[keep + i].Start, blocks[keep + i + 1].Start, b.View) : b.View)));
    }

    /// <summary>
    /// The view of an open block that is not the last: its text has usually not changed since the last frame (only
    /// the last block grows), so the view laid out then is drawn again.
    /// </summary>
    private IRenderable Steady(string rest, int start, int end, IRenderable view)
    {
        var text = rest[start..end];
        if (text != _steadyText || _steadyView is null)
        {
            _steadyText = text;
            _steadyView = new CachedRenderable(view);
        }

        return _steadyView;
    }

    /// <summary>The text not yet handed out, rendered as final: the reply ended.</summary>
    public List<IRenderable> Finish()
    {
        var rest = _text.ToString(_done, _text.Length - _done);
        _done = _text.Length;
        return MarkdownView.Render(rest);
    }
}
