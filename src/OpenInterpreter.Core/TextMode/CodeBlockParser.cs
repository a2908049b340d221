using System.Text;
using OpenInterpreter.Core.Tools;

namespace OpenInterpreter.Core.TextMode;

/// <summary>
/// Reads a model's text as it streams and finds the first fenced code block in it: prose streams out at once, the
/// code line by line, and the block is done at its closing fence. A fence line is held back only while it could
/// still be one. A block with no language is Python, as the original assumes.
/// </summary>
public sealed class CodeBlockParser
{
    private const string Fence = "```";
    private const string DefaultLanguage = "python";

    private enum State { Prose, Code, Done }

    private readonly StringBuilder _line = new();
    private readonly StringBuilder _code = new();
    private State _state = State.Prose;

    /// <summary>Whether the current prose line has been passed on already (it cannot be a fence any more).</summary>
    private bool _linePassedOn;

    /// <summary>The language of the block being read or read; null before a block opened.</summary>
    public string? Language { get; private set; }

    /// <summary>The first complete block, once its closing fence (or the end of the text) arrived.</summary>
    public CodeRequest? Block { get; private set; }

    /// <summary>Reads the next piece of text and returns what it completed.</summary>
    public IReadOnlyList<TextSegment> Read(string text)
    {
        var segments = new List<TextSegment>();
        foreach (var c in text)
        {
            if (_state == State.Done)
            {
                break;
            }

            if (c == '\n')
            {
                EndLine(segments);
                continue;
            }

            _line.Append(c);
            if (_state == State.Prose && (_linePassedOn || !CouldBeFence(_line)))
            {
                // Plain prose: pass it on at once so the user sees it as it is written.
                segments.Add(new ProseText(_line.ToString()));
                _line.Clear();
                _linePassedOn = true;
            }
        }

        return Merge(segments);
    }

    /// <summary>The end of the text: flushes what is held, and closes a block the model left open.</summary>
    public IReadOnlyList<TextSegment> Finish()
    {
        var segments = new List<TextSegment>();
        if (_state == State.Prose && _line.Length > 0)
        {
            segments.Add(new ProseText(_line.ToString()));
        }
        else if (_state == State.Code)
        {
            if (_line.Length > 0 && !IsFence(_line.ToString()))
            {
                _code.Append(_line);
                segments.Add(new CodeText(_line.ToString()));
            }

            Close(segments);
        }

        _line.Clear();
        return segments;
    }

    private void EndLine(List<TextSegment> segments)
    {
        var line = _line.ToString();
        _line.Clear();
        switch (_state)
        {
            case State.Prose when !_linePassedOn && IsFence(line):
                var language = line.Trim()[Fence.Length..].Trim();
                Language = language.Length == 0 ? DefaultLanguage : language.ToLowerInvariant();
                _state = State.Code;
                segments.Add(new CodeOpened(Language));
                break;
            case State.Prose:
                segments.Add(new ProseText(line + "\n"));
                _linePassedOn = false;
                break;
            case State.Code when IsFence(line) && line.Trim() == Fence:
                Close(segments);
                break;
            case State.Code:
                // The newline that ends the last line belongs to the fence, not to the code.
                var piece = _code.Length == 0 ? line : "\n" + line;
                _code.Append(piece);
                segments.Add(new CodeText(piece));
                break;
        }
    }

    private void Close(List<TextSegment> segments)
    {
        Block = new CodeRequest(Language ?? DefaultLanguage, _code.ToString());
        _state = State.Done;
        segments.Add(new CodeClosed(Block));
    }

    private static bool IsFence(string line) => line.TrimStart(' ').StartsWith(Fence, StringComparison.Ordinal) && line.Length - line.TrimStart(' ').Length <= 3;

    /// <summary>Whether the start of a line may still turn out to be a fence: up to three spaces, then backticks.</summary>
    private static bool CouldBeFence(StringBuilder line)
    {
        var text = line.ToString();
        var trimmed = text.TrimStart(' ');
        if (text.Length - trimmed.Length > 3)
        {
            return false;
        }

        return trimmed.Length <= Fence.Length ? Fence.StartsWith(trimmed, StringComparison.Ordinal) : trimmed.StartsWith(Fence, StringComparison.Ordinal);
    }

    /// <summary>Joins neighbouring prose pieces so one delta gives one text update.</summary>
    private static List<TextSegment> Merge(List<TextSegment> segments)
    {
        var merged = new List<TextSegment>(segments.Count);
        foreach (var segment in segments)
        {
            if (segment is ProseText next && merged.Count > 0 && merged[^1] is ProseText previous)
            {
                merged[^1] = new ProseText(previous.Text + next.Text);
            }
            else if (segment is CodeText nextCode && merged.Count > 0 && merged[^1] is CodeText previousCode)
            {
                merged[^1] = new CodeText(previousCode.Text + nextCode.Text);
            }
            else
            {
                merged.Add(segment);
            }
        }

        return merged;
    }
}
