using OpenInterpreter.Core.Messages;

namespace OpenInterpreter.Cli.Terminal;

/// <summary>Shows a conversation on the terminal: rich (Spectre.Console, live) or plain text.</summary>
internal interface IConversationView
{
    /// <summary>Shows the chunks of one turn as they arrive; an exception from the stream ends the display cleanly, then propagates.</summary>
    Task ShowTurnAsync(IAsyncEnumerable<LmcChunk> chunks, CancellationToken cancellationToken);

    /// <summary>One line saying what went wrong and what to do.</summary>
    void Error(string line);

    /// <summary>A quiet line of information (retries, what was interrupted).</summary>
    void Notice(string line);

    /// <summary>A line of <c>--verbose</c> detail.</summary>
    void Verbose(string line);

    /// <summary>The status line after a turn (model, tokens, cost); a plain view leaves it out.</summary>
    void Status(string line);

    /// <summary>Shows the code a run is about to use, when it differs from what the model wrote (after editing).</summary>
    void ShowCode(string language, string code);

    /// <summary>
    /// Takes the live lines (a spinner, a streaming block) off the screen and draws none until the result is disposed,
    /// so a question asked in the middle of a turn is not drawn over.
    /// </summary>
    IDisposable PauseLive() => LivePause.None;
}
