using System.Text;
using OpenInterpreter.Cli.Terminal;
using OpenInterpreter.Core;
using OpenInterpreter.Core.Conversation;
using OpenInterpreter.Core.History;

namespace OpenInterpreter.Cli;

/// <summary>
/// Runs turns of the conversation and, interactively, the prompt loop around them. A failed turn ends with one line
/// and the conversation intact; Ctrl-C stops the turn in progress, or leaves when pressed at the prompt.
/// </summary>
internal sealed class ChatShell(ConversationLoop loop, IConversationView view, SessionSwitches switches, ConversationRecorder? recorder = null)
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

    /// <summary>The <c>%</c> commands typed at the prompt; null when the session has none.</summary>
    public SessionCommands? Commands { get; set; }

    /// <summary>Runs one turn, then saves the conversation; true when the turn ended without error.</summary>
    public async Task<bool> TurnAsync(string message)
    {
        var ok = await RunInterruptibleAsync(token => view.ShowTurnAsync(loop.ChatAsync(message, token), token)).ConfigureAwait(false);
        if (loop.Spending.Cap is not null)
        {
            // Under --max_budget, where the spend stands after each turn.
            view.Notice(loop.Spending.Summary);
        }

        Save();
        return ok;
    }

    /// <summary>Saves the conversation so far; a failure is reported and the session goes on.</summary>
    public void Save()
    {
        try
        {
            recorder?.Save(loop.Messages);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            view.Error($"The conversation could not be saved: {e.Message} (the earlier save is intact).");
        }
    }

    /// <summary>Runs <paramref name="work"/> so that Ctrl-C stops it; errors end it with one line. True when it ended without error.</summary>
    public async Task<bool> RunInterruptibleAsync(Func<CancellationToken, Task> work)
    {
        using var turn = new CancellationTokenSource();
        lock (_gate)
        {
            _turn = turn;
        }

        try
        {
            await work(turn.Token).ConfigureAwait(false);
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
            if (switches.Verbose)
            {
                view.Verbose(e.ToString());
            }

            return false;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            view.Error($"Unexpected error: {e.GetType().Name}: {e.Message.Split('\n')[0]} (run with --verbose for details).");
            if (switches.Verbose)
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

            if (Commands is not null && line.TrimStart().StartsWith('%'))
            {
                await RunInterruptibleAsync(token => Commands.RunAsync(line.Trim(), token)).ConfigureAwait(false);
                Save();
            }
            else if (!string.IsNullOrWhiteSpace(line))
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
