using OpenInterpreter.Core.Messages;
using OpenInterpreter.Core.Output;
using OpenInterpreter.Core.Tools;

namespace OpenInterpreter.Cli.Server;

/// <summary>
/// Turns a stream of LMC chunks into the text of one chat reply, so an OpenAI client sees the runs: code and its
/// output as fenced blocks between the model's words, images as links, a waiting run as a question.
/// </summary>
internal sealed class LmcMarkdown
{
    private AnsiStripper _stripper = new();
    private bool _written;

    /// <summary>The text <paramref name="chunk"/> adds to the reply; empty for chunks that add none (active lines).</summary>
    public string Add(LmcChunk chunk)
    {
        var text = chunk switch
        {
            { Type: LmcType.Message, Start: true } when _written => "\n\n",
            { Type: LmcType.Message, Content: { } content } => content,
            { Type: LmcType.Code, Start: true } => $"\n\n```{chunk.Format}\n",
            { Type: LmcType.Code, End: true } => "\n```",
            { Type: LmcType.Code, Content: { } code } => code,
            { Type: LmcType.Console, Format: LmcFormat.Output, Start: true } => StartOutput(),
            { Type: LmcType.Console, Format: LmcFormat.Output, End: true } => "\n```",
            { Type: LmcType.Console, Format: LmcFormat.Output, Content: { } output } => _stripper.Strip(output),
            { Type: LmcType.Image, Format: LmcFormat.Path, Content: { } path } => $"\n\n![image]({path})",
            { Type: LmcType.Confirmation, Format: var tool } when ToolFunctions.IsToolFunction(tool) => $"\n\n{chunk.Content} It has not been done yet. Reply \"yes\" to do it.",
            { Type: LmcType.Confirmation } => "\n\nThe code above has not run yet. Reply \"yes\" to run it.",
            _ => "",
        };
        _written |= text.Length > 0;
        return text;
    }

    private string StartOutput()
    {
        _stripper = new AnsiStripper();
        return "\n\n```output\n";
    }
}
