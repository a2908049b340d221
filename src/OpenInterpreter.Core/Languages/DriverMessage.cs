namespace OpenInterpreter.Core.Languages;

/// <summary>Something a driver process reported to its session: output, a fence, a control line, or its own end.</summary>
internal abstract record DriverMessage;

/// <summary>A chunk of the child's output, ready to hand to the consumer.</summary>
internal sealed record OutputMessage(OutputWritten Output) : DriverMessage;

/// <summary>The current run's fence came through on one stream: everything the cell wrote there has been read.</summary>
internal sealed record FenceReached(OutputStream Stream) : DriverMessage;

/// <summary>One stream reached end-of-file: nothing more can come from it.</summary>
internal sealed record StreamClosed(OutputStream Stream) : DriverMessage;

/// <summary>The driver has started and waits for cells.</summary>
internal sealed record DriverReady : DriverMessage;

/// <summary>The driver began the cell identified by <paramref name="Fence"/>: a SIGINT from now on interrupts it.</summary>
internal sealed record CellStarted(string Fence) : DriverMessage;

/// <summary>The running cell moved to this line (1-based).</summary>
internal sealed record LineReached(int Line) : DriverMessage;

/// <summary>The running cell produced a picture, saved as the PNG file at <paramref name="Path"/>.</summary>
internal sealed record ImageSaved(string Path) : DriverMessage;

/// <summary>The driver finished the cell identified by <paramref name="Fence"/>, with this outcome.</summary>
internal sealed record CellDone(string Fence, CellOutcome Outcome, string Message) : DriverMessage
{
    /// <summary>The cell's fence had already come through on stdout (held back for this message by <see cref="ReportGate"/>).</summary>
    public bool StdoutFenced { get; init; }

    /// <summary>The cell's fence had already come through on stderr.</summary>
    public bool StderrFenced { get; init; }
}

/// <summary>The driver process ended.</summary>
internal sealed record ProcessExited(int ExitCode) : DriverMessage;

/// <summary>How the driver says a cell ended.</summary>
internal enum CellOutcome
{
    Ok,
    Error,
    Interrupted,
}
