namespace OpenInterpreter.Core.Languages;

/// <summary>A stateful session of one language: code run in it sees what earlier runs defined.</summary>
public interface ILanguageSession : IAsyncDisposable
{
    /// <summary>The language this session runs.</summary>
    LanguageInfo Language { get; }

    /// <summary>
    /// Runs <paramref name="code"/> and streams what it does. The sequence always ends with one
    /// <see cref="RunCompleted"/>; cancelling the token interrupts the code (SIGINT, then a kill after a grace
    /// period) and the sequence still ends normally with the partial output and <see cref="RunStatus.Interrupted"/>.
    /// </summary>
    IAsyncEnumerable<ExecutionEvent> RunAsync(string code, CancellationToken cancellationToken);
}
