using OpenInterpreter.Core.Messages;
using OpenInterpreter.Core.Output;

namespace OpenInterpreter.Cli.Terminal;

/// <summary>Plain text for pipes, files and <c>--plain</c>: no colours, no cursor moves; code and output as fenced blocks.</summary>
internal sealed class PlainConversationView(TextWriter output, TextWriter errors) : IConversationView
{
    public async Task ShowTurnAsync(IAsyncEnumerable<LmcChunk> chunks, CancellationToken cancellationToken)
    {
        var stripper = new AnsiStripper();
        var atLineStart = true;
        void Write(string text)
        {
            if (text.Length > 0)
            {
                output.Write(text);
                atLineStart = text[^1] == '\n';
            }
        }

        void EndLine()
        {
            if (!atLineStart)
            {
                Write("\n");
            }
        }

        try
        {
            await foreach (var chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                switch (chunk)
                {
                    case { Type: LmcType.Message, Start: true }:
                        EndLine();
                        break;
                    case { Type: LmcType.Message, End: true }:
                        EndLine();
                        break;
                    case { Type: LmcType.Code, Start: true }:
                        EndLine();
                        Write($"\n```{chunk.Format}\n");
                        break;
                    case { Type: LmcType.Code, End: true }:
                        EndLine();
                        Write("```\n");
                        break;
                    case { Type: LmcType.Console, Format: LmcFormat.Output, Start: true }:
                        EndLine();
                        Write("\n```output\n");
                        stripper = new AnsiStripper();
                        break;
                    case { Type: LmcType.Console, Format: LmcFormat.Output, End: true }:
                        EndLine();
                        Write("```\n");
                        Write(RunNote(chunk.Run));
                        Write("\n");
                        break;
                    case { Type: LmcType.Console, Format: LmcFormat.Output, Content: { } text }:
                        Write(stripper.Strip(text));
                        break;
                    case { Type: LmcType.Console }:
                        break; // active lines mean nothing without a live display
                    case { Type: LmcType.Image, Format: LmcFormat.Path, Content: { } path }:
                        EndLine();
                        Write($"Image: {path}\n");
                        break;
                    case { Type: LmcType.Image }:
                        break; // a screenshot: the output before it says what the image is
                    case { Content: { } text }:
                        Write(text);
                        break;
                }

                output.Flush();
            }
        }
        finally
        {
            EndLine();
            output.Flush();
        }
    }

    /// <summary>What the output block cannot say by itself: a run that failed or was stopped, and where a long output went.</summary>
    private static string RunNote(RunSummary? run)
    {
        if (run is null)
        {
            return "";
        }

        var note = run.IsFailure ? $"(failed: {run.Error ?? run.Status})\n"
            : run.Status == RunSummary.Interrupted ? $"(stopped{(run.Error is { } why ? $": {why}" : "")})\n"
            : "";
        return run.FullOutputPath is { } path ? $"{note}(the whole output is in {path})\n" : note;
    }

    public void Error(string line) => errors.WriteLine(line);

    public void Notice(string line) => errors.WriteLine(line);

    public void Verbose(string line) => errors.WriteLine(line);

    // Plain output is for pipes, files and scripts: only the conversation goes there.
    public void Status(string line)
    {
    }

    public void ShowCode(string language, string code) => output.Write($"\n```{language}\n{code.TrimEnd('\n')}\n```\n");
}
