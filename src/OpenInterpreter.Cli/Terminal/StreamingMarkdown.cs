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

    public void Append(string? text) => _text.Append(text);

    /// <summary>The blocks that became final since the last call, and a view of the text still open.</summary>
    public (List<IRenderable> Finished, IRenderable Open) Take()
    {
        var rest = _text.ToString(_done, _text.Length - _done);
        var blocks = MarkdownView.Blocks(rest);
        var finished = new List<IRenderable>();
        if (blocks.Count <= 2)
        {
            return (finished, new Rows(blocks.Select(b => b.View)));
        }

        var keep = blocks.Count - 2;
        finished.AddRange(blocks.Take(keep).Select(b => b.View));
        _done += blocks[keep].Start;
        return (finished, new Rows(blocks.Skip(keep).Select(b => b.View)));
    }

    /// <summary>The text not yet handed out, rendered as final: the reply ended.</summary>
    public List<IRenderable> Finish()
    {
        var rest = _text.ToString(_done, _text.Length - _done);
        _done = _text.Length;
        return MarkdownView.Render(rest);
    }
}
