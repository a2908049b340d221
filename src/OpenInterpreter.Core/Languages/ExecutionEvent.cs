namespace OpenInterpreter.Core.Languages;

/// <summary>Something a running piece of code did: printed, moved to another line, finished.</summary>
public abstract record ExecutionEvent;

/// <summary>The code moved to another line (1-based, in the code as given); null when no line runs any more.</summary>
public sealed record ActiveLineChanged(int? Line) : ExecutionEvent;

/// <summary>The code produced a picture (a matplotlib figure, a rendered HTML page), saved as the PNG file at
/// <paramref name="PngPath"/>.</summary>
public sealed record ImageProduced(string PngPath) : ExecutionEvent;

/// <summary>The run ended. <paramref name="Error"/> is a one-line reason when it did not succeed.</summary>
public sealed record RunCompleted(RunStatus Status, string? Error = null) : ExecutionEvent;

/// <summary>Which stream a piece of output came from.</summary>
public enum OutputStream
{
    Stdout,
    Stderr,
}

/// <summary>How a run ended.</summary>
public enum RunStatus
{
    /// <summary>The code ran to its end.</summary>
    Succeeded,

    /// <summary>The code raised an error or a command exited non-zero; the session lives on.</summary>
    Failed,

    /// <summary>The run was interrupted (Ctrl-C or a time-out).</summary>
    Interrupted,

    /// <summary>The language's process died; the next run starts a fresh session, with the state lost.</summary>
    Crashed,
}
