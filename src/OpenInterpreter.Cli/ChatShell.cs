using System.Text;
using OpenInterpreter.Cli.Terminal;
using OpenInterpreter.Core;
using OpenInterpreter.Core.Conversation;

namespace OpenInterpreter.Cli;

/// <summary>
/// Runs turns of the conversation and, interactively, the prompt loop around them. A failed turn ends with one line
/// and the conversation intact; Ctrl-C stops the turn in progress, or leaves when pressed at the prompt.
/// </summary>
internal sealed class ChatShell(ConversationLoop loop, IConversationView view, bool verbose)
{
    private readonly object _gate = new();
    private CancellationTokenSource? _turn;

    /// <summary>Called on Ctrl-C: stops the running turn and returns true, or returns false when none runs.</summary>
    public bool Interrupt()
    {
        lock (_gate)
        {
            if (_turn is null || _turn.IsCancellationRequested)
            {
                return _turn is not null;
            }

            _turn.Cancel();
            return true;
        }
    }

    /// <summary>Runs one turn; true when it ended without error.</summary>
    public async Task<bool> TurnAsync(string message)
    {
        using var turn = new CancellationTokenSource();
        lock (_gate)
        {
            _turn = turn;
        }

        try
        {
            await view.ShowTurnAsync(loop.ChatAsync(message, turn.Token), turn.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (turn.IsCancellationRequested)
        {
            view.Notice("Interrupted.");
            return true;
        }
        catch (InterpreterException e)
        {
            view.Error(e.OneLine);
            if (verbose)
            {
                view.Verbose(e.ToString());
            }

            return false;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            view.Error($"Unexpected error: {e.GetType().Name}: {e.Message.Split('\n')[0]} (run with --verbose for details).");
            if (verbose)
            {
                view.Verbose(e.ToString());
            }

            return false;
        }
        finally
        {
            lock (_gate)
            {
                _turn = null;
            }
        }
    }

    /// <summary>The interactive loop: reads messages until end of input. <c>"""</c> opens and closes multi-line input.</summary>
    public async Task RunInteractiveAsync(LineReader input, TextWriter prompt, string? firstMessage)
    {
        if (firstMessage is not null)
        {
            await TurnAsync(firstMessage).ConfigureAwait(false);
        }

        while (true)
        {
            await prompt.WriteAsync("> ").ConfigureAwait(false);
            await prompt.FlushAsync().ConfigureAwait(false);
            var line = await input.ReadLineAsync(CancellationToken.None).ConfigureAwait(false);
            if (line is null)
            {
                await prompt.WriteLineAsync().ConfigureAwait(false);
                return;
            }

            if (line.Trim() == "\"\"\"")
            {
                line = await ReadMultiLineAsync(input).ConfigureAwait(false);
            }

            if (!string.IsNullOrWhiteSpace(line))
            {
                await TurnAsync(line).ConfigureAwait(false);
            }
        }
    }

    private static async Task<string> ReadMultiLineAsync(LineReader input)
    {
        var text = new StringBuilder();
        while (await input.ReadLineAsync(CancellationToken.None).ConfigureAwait(false) is { } line && line.Trim() != "\"\"\"")
        {
            text.AppendLine(line);
        }

        return text.ToString().TrimEnd();
    }
}
