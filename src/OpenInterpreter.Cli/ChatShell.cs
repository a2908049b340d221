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

    /// <summary>True once Ctrl-C has stopped a turn (<c>--stdin</c> then exits with 130).</summary>
    public bool WasInterrupted { get; private set; }

    /// <summary>Waits up to <paramref name="timeout"/> for the running turn, if any, to end; true when none runs.</summary>
    public bool WaitUntilIdle(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            lock (_gate)
            {
                if (_turn is null)
                {
                    return true;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            Thread.Sleep(20);
        }
    }
    /// <summary>OI's <c>--multi_line</c>: a line of <c>```</c> opens and closes multi-line input too.</summary>
    public bool BacktickFences { get; init; }

    private bool IsFence(string line) => line.Trim() is "\"\"\"" || (BacktickFences && line.Trim() == "```");

    /// <summary>The <c>%</c> commands typed at the prompt; null when the session has none.</summary>
    public SessionCommands? Commands { get; set; }

    /// <summary>The model's name, for the status line after each turn; null: no status line.</summary>
    public string? ModelName { get; init; }

    /// <summary>Runs one turn, then saves the conversation; true when the turn ended without error.</summary>
    public async Task<bool> TurnAsync(string message)
    {
        var before = loop.Usage;
        var ok = await RunInterruptibleAsync(token => view.ShowTurnAsync(loop.ChatAsync(message, token), token)).ConfigureAwait(false);
        Save();
        if (ModelName is not null)
        {
            view.Status(StatusLine.For(ModelName, loop.Usage - before, loop.Usage, loop.Spending.Budget));
        }
        else if (loop.Spending.Cap is not null)
        {
            // A plain view has no status line: under --max_budget, where the spend stands goes on its own line.
            view.Notice(loop.Spending.Summary);
        }

        return ok;
    }

    /// <summary>Saves the conversation so far; a failure is reported and the session goes on.</summary>
    public void Save()
    {
        try
        {
            var before = recorder?.Path;
            recorder?.Save(loop.Messages);
            if (before is not null && recorder!.Path is { } now && now != before)
            {
                view.Notice($"Another instance saved {Path.GetFileName(before)} since this one did; this conversation is now saved to {Path.GetFileName(now)}.");
            }
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
            WasInterrupted = true;
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

    /// <summary>
    /// The interactive loop: reads messages until end of input. <c>"""</c> opens and closes multi-line input, with a
    /// continuation prompt; prompts go to <paramref name="prompt"/> (the terminal, also when stdout is a file).
    /// </summary>
    public async Task RunInteractiveAsync(LineReader input, TextWriter prompt, string? firstMessage)
    {
        if (firstMessage is not null)
        {
            await TurnAsync(firstMessage).ConfigureAwait(false);
        }

        while (true)
        {
            var line = await input.ReadLineAsync("> ", answer: false, CancellationToken.None).ConfigureAwait(false);
            if (line is null)
            {
                if (!input.IsTerminal)
                {
                    await prompt.WriteLineAsync().ConfigureAwait(false);
                    await prompt.FlushAsync().ConfigureAwait(false);
                }

                return;
            }

            if (IsFence(line))
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

    private async Task<string> ReadMultiLineAsync(LineReader input)
    {
        var text = new StringBuilder();
        while (await input.ReadLineAsync("… ", answer: false, CancellationToken.None).ConfigureAwait(false) is { } line && !IsFence(line))
        {
            text.Append(line).Append('\n');
        }

        var message = text.ToString().TrimEnd();
        input.Remember(message);
        return message;
    }
}
