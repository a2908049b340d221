namespace OpenInterpreter.Cli.Terminal;

/// <summary>A pause of a view's live lines, over when disposed (once, however often it is disposed).</summary>
internal sealed class LivePause(Action? resume) : IDisposable
{
    /// <summary>The pause of a view that draws nothing live.</summary>
    public static LivePause None { get; } = new(null);

    private Action? _resume = resume;

    public void Dispose() => Interlocked.Exchange(ref _resume, null)?.Invoke();
}
