using System.Threading.Channels;

namespace OpenInterpreter.Core.Languages;

/// <summary>
/// The readers' way into the session's messages, holding back the reports of the current cell that the session does
/// not need yet: its start, needed only to deliver an interrupt (<see cref="WantStart"/>), and its fences, needed only
/// once the driver has said done, which then carries them (<see cref="CellDone.StdoutFenced"/>).
/// </summary>
/// <remarks>
/// Every message that reaches a waiting session wakes it: a hand-off to a thread-pool thread. Start, two fences and
/// done used to wake it up to four times for a trivial run; now done wakes it once, and says which fences came.
/// A fence is held only after all output before it was passed on, so the session still reads that output first.
/// </remarks>
internal sealed class ReportGate : ChannelWriter<DriverMessage>
{
    private readonly ChannelWriter<DriverMessage> _inner;
    private readonly Lock _lock = new();
    private string? _fence;
    private bool _started;
    private bool _startWanted;
    private bool _done;
    private bool _stdoutFenced;
    private bool _stderrFenced;

    public ReportGate(ChannelWriter<DriverMessage> inner) => _inner = inner;

    /// <summary>A new cell, ending with <paramref name="fence"/>, is about to be sent.</summary>
    public void Expect(Fence fence)
    {
        lock (_lock)
        {
            _fence = fence.Text;
            _started = _startWanted = _done = _stdoutFenced = _stderrFenced = false;
        }
    }

    /// <summary>Asks for the current cell's start to be passed on; true when it has already come, so the caller
    /// need not wait for it.</summary>
    public bool WantStart()
    {
        lock (_lock)
        {
            _startWanted = true;
            return _started;
        }
    }

    /// <inheritdoc />
    public override bool TryWrite(DriverMessage item)
    {
        // Output, the bulk of the messages, carries no state: it passes without the lock, so a run that goes on inline
        // on the reader thread that wrote it (the channel allows that) never holds the other readers up.
        if (item is not (CellStarted or FenceReached or CellDone))
        {
            return _inner.TryWrite(item);
        }

        lock (_lock)
        {
            switch (item)
            {
                case CellStarted started when started.Fence == _fence:
                    _started = true;
                    return !_startWanted || _inner.TryWrite(item);
                case FenceReached { Stream: OutputStream.Stdout } when !_done:
                    _stdoutFenced = true;
                    return true;
                case FenceReached when !_done:
                    _stderrFenced = true;
                    return true;
                case CellDone done when done.Fence == _fence:
                    // One message, so that it is written whole or (the channel full) offered again whole.
                    _done = _inner.TryWrite(done with { StdoutFenced = _stdoutFenced, StderrFenced = _stderrFenced });
                    return _done;
                default:
                    return _inner.TryWrite(item);
            }
        }
    }

    /// <inheritdoc />
    public override ValueTask<bool> WaitToWriteAsync(CancellationToken cancellationToken = default) =>
        _inner.WaitToWriteAsync(cancellationToken);

    /// <inheritdoc />
    public override bool TryComplete(Exception? error = null) => _inner.TryComplete(error);
}
