namespace OpenInterpreter.Core.Languages;

/// <summary>
/// One run of a cell in a <see cref="DriverProcess"/>: sends it, turns the driver's messages into execution events,
/// interrupts it when asked, and decides when and how it ended.
/// </summary>
/// <remarks>
/// Output and the control channel are different pipes, so the driver's "done" can arrive before the last of the
/// output. The run therefore ends only when it has the done and has read the fence on both streams (or a stream
/// ended). An interrupt is held back until the driver says the cell started: a SIGINT that reached it while it was
/// still reading the request or starting up would be taken for one between cells, and dropped. Timers cover what
/// cannot answer: a driver that never starts, a fence that never comes because the code
/// handed its stdout to a process that outlives it, a process that ignores the interrupt, a pipe held open by an
/// orphan after the driver died.
/// </remarks>
internal sealed class DriverRun
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FenceTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long an interrupted run waits for the driver to start the cell (it may still be compiling a long
    /// one) before it kills it: the grace period counts from the SIGINT, which waits for the start.</summary>
    private static readonly TimeSpan InterruptStartTimeout = TimeSpan.FromSeconds(10);

    private readonly DriverProcess _process;
    private readonly string _language;
    private readonly string _code;
    private readonly TimeSpan _gracePeriod;
    private readonly CancellationToken _cancellation;
    private readonly Fence _fence = Fence.Create();
    private readonly long _startedAt = Environment.TickCount64;

    private bool _sent;
    private string? _cellPath;
    private bool _cancelledBeforeStart;
    private bool _started;
    private bool _channelClosed;
    private bool _timedOut;
    private CellDone? _done;
    private long _lastActivity;
    private bool _stdoutDone;
    private bool _stderrDone;
    private bool _stdoutClosed;
    private bool _stderrClosed;
    private int? _exitCode;
    private long _exitedAt;
    private long? _interruptedAt;
    private long? _signalledAt;
    private long? _killedAt;
    private int? _line;

    public DriverRun(DriverProcess process, string language, string code, TimeSpan gracePeriod, CancellationToken cancellation)
    {
        _process = process;
        _language = language;
        _code = code;
        _gracePeriod = gracePeriod;
        _cancellation = cancellation;
    }

    /// <summary>True once the run ended and its <see cref="RunCompleted"/> was produced.</summary>
    public bool Completed { get; private set; }

    /// <summary>True when the process cannot run another cell: it died, was killed, never started, or was closed.</summary>
    public bool ProcessLost => _exitCode is not null || _killedAt is not null || _channelClosed || (_timedOut && _done is null);

    /// <summary>Runs the cell and streams what it does, ending with exactly one <see cref="RunCompleted"/>.</summary>
    public async IAsyncEnumerable<ExecutionEvent> ExecuteAsync()
    {
        if (_process.IsReady)
        {
            SendCell();
        }

        while (await NextMessageAsync().ConfigureAwait(false) is { } message)
        {
            if (Handle(message) is { } execution)
            {
                yield return execution;
                if (execution is OutputWritten output)
                {
                    // The consumer asked for the next event, so it is done with this one's text, and has shown how it
                    // reads output.
                    _process.OutputBuffers.StringsWanted = output.TextAsked;
                    output.Release();
                }
            }
        }

        DeleteCell();

        if (_line is not null)
        {
            yield return new ActiveLineChanged(null);
        }

        Completed = true;
        yield return Completion();
    }

    private bool IsOver =>
        _cancelledBeforeStart
        || _channelClosed
        || _timedOut
        || (_done is not null && _stdoutDone && _stderrDone)
        || (_exitCode is not null && _stdoutClosed && _stderrClosed);

    private async ValueTask<DriverMessage?> NextMessageAsync()
    {
        while (!IsOver)
        {
            if (_cancellation.IsCancellationRequested && _interruptedAt is null)
            {
                Interrupt();
                continue;
            }

            if (_process.Messages.TryRead(out var message))
            {
                return message;
            }

            var now = Environment.TickCount64;
            var deadline = Deadline();
            if (deadline <= now)
            {
                OnDeadline();
                continue;
            }

            // While the code runs there is usually no deadline: then the wait needs no timer and no linked source.
            using var wake = deadline is null
                ? null
                : _interruptedAt is null ? CancellationTokenSource.CreateLinkedTokenSource(_cancellation) : new CancellationTokenSource();
            wake?.CancelAfter(TimeSpan.FromMilliseconds(deadline!.Value - now));
            var token = wake?.Token ?? (_interruptedAt is null ? _cancellation : CancellationToken.None);

            try
            {
                _channelClosed = !await _process.Messages.WaitToReadAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // A deadline or the caller's interrupt: the loop above sees which.
            }
        }

        return null;
    }

    /// <summary>When the run must stop waiting for messages and act, in <see cref="Environment.TickCount64"/> time.</summary>
    private long? Deadline()
    {
        if (_exitCode is not null)
        {
            return _exitedAt + (long)DrainTimeout.TotalMilliseconds;
        }

        if (_done is not null)
        {
            return _lastActivity + (long)FenceTimeout.TotalMilliseconds;
        }

        if (_killedAt is { } killedAt)
        {
            return killedAt + (long)KillTimeout.TotalMilliseconds;
        }

        if (_signalledAt is { } signalledAt)
        {
            return signalledAt + (long)_gracePeriod.TotalMilliseconds;
        }

        if (_interruptedAt is { } interruptedAt)
        {
            return interruptedAt + (long)InterruptStartTimeout.TotalMilliseconds;
        }

        return _sent ? null : _startedAt + (long)StartupTimeout.TotalMilliseconds;
    }

    private void OnDeadline()
    {
        if (_interruptedAt is not null && _killedAt is null && _exitCode is null && _done is null)
        {
            // The code ignored SIGINT for the whole grace period, or the driver never started the cell to take it.
            _process.Signal(Libc.SigKill);
            _killedAt = Environment.TickCount64;
            return;
        }

        if (!_sent && _exitCode is null)
        {
            _process.Signal(Libc.SigKill);
        }

        _timedOut = true;
    }

    private void Interrupt()
    {
        _interruptedAt = Environment.TickCount64;
        if (!_sent)
        {
            _cancelledBeforeStart = true;
            return;
        }

        // The start is passed on only when asked for; if it came already, the interrupt goes now.
        _started |= _process.WantStart();
        SignalInterrupt();
    }

    private void SignalInterrupt()
    {
        if (_started && _signalledAt is null && _done is null)
        {
            _signalledAt = Environment.TickCount64;
            _process.Signal(Libc.SigInt);
        }
    }

    private void SendCell()
    {
        try
        {
            _cellPath = _process.SendCell(_fence, _code, _cancellation);
            _sent = true;
        }
        catch (ObjectDisposedException)
        {
            _channelClosed = true;
        }
        catch (OperationCanceledException)
        {
            // Interrupted while a large cell was still going into a driver that does not read it (stopped?): the
            // driver holds part of a request, so it cannot run another.
            _sent = true;
            _interruptedAt = Environment.TickCount64;
            _process.Signal(Libc.SigKill);
            _killedAt = Environment.TickCount64;
        }
    }

    private void DeleteCell()
    {
        try
        {
            if (_cellPath is not null)
            {
                File.Delete(_cellPath);
            }
        }
        catch (IOException)
        {
            // The session was disposed during the run and took its directory with it.
        }
    }

    private ExecutionEvent? Handle(DriverMessage message)
    {
        switch (message)
        {
            case OutputMessage output:
                _lastActivity = Environment.TickCount64;
                return Merge(output.Output);
            case FenceReached fence:
                _lastActivity = Environment.TickCount64;
                MarkStream(fence.Stream, closed: false);
                return null;
            case StreamClosed closed:
                MarkStream(closed.Stream, closed: true);
                return null;
            case DriverReady:
                _process.IsReady = true;
                if (!_sent && !_cancelledBeforeStart)
                {
                    SendCell();
                }

                return null;
            case CellStarted started when started.Fence == _fence.Text:
                _started = true;
                if (_interruptedAt is not null)
                {
                    SignalInterrupt();
                }

                return null;
            case LineReached line when _sent && _done is null && line.Line != _line:
                _line = line.Line;
                return new ActiveLineChanged(line.Line);
            case ImageSaved image when _sent && _done is null:
                _lastActivity = Environment.TickCount64;
                return new ImageProduced(image.Path);
            case CellDone done when done.Fence == _fence.Text:
                _done = done;
                _lastActivity = Environment.TickCount64;
                if (done.StdoutFenced)
                {
                    MarkStream(OutputStream.Stdout, closed: false);
                }

                if (done.StderrFenced)
                {
                    MarkStream(OutputStream.Stderr, closed: false);
                }

                return null;
            case ProcessExited exited:
                _exitCode = exited.ExitCode;
                _exitedAt = Environment.TickCount64;
                return null;
            default:
                return null;
        }
    }

    /// <summary>
    /// <paramref name="first"/> joined with the output of the same stream already waiting behind it, up to
    /// <see cref="OutputPump.ChunkBytes"/> characters: when the consumer is behind, it gets fewer, larger chunks
    /// instead of falling further behind one small chunk at a time.
    /// </summary>
    private OutputWritten Merge(OutputWritten first)
    {
        var messages = _process.Messages;
        if (first.IsLent)
        {
            // Into the lent buffer, which has room for a whole chunk.
            while (messages.TryPeek(out var next) && next is OutputMessage { Output: var more } && first.TryAppend(more, OutputPump.ChunkBytes))
            {
                messages.TryRead(out _);
            }

            return first;
        }

        System.Text.StringBuilder? joined = null;
        while (messages.TryPeek(out var next) && next is OutputMessage { Output: { IsLent: false } more } && more.Stream == first.Stream
            && (joined?.Length ?? first.Length) + more.Length <= OutputPump.ChunkBytes && messages.TryRead(out _))
        {
            (joined ??= new System.Text.StringBuilder(OutputPump.ChunkBytes).Append(first.Chars)).Append(more.Chars);
        }

        return joined is null ? first : new OutputWritten(joined.ToString(), first.Stream);
    }

    private void MarkStream(OutputStream stream, bool closed)
    {
        if (stream == OutputStream.Stdout)
        {
            _stdoutDone = true;
            _stdoutClosed |= closed;
        }
        else
        {
            _stderrDone = true;
            _stderrClosed |= closed;
        }
    }

    private RunCompleted Completion()
    {
        const string stateLost = "the next run starts a fresh session, so earlier state is lost.";
        if (_cancelledBeforeStart)
        {
            return new RunCompleted(RunStatus.Interrupted, "The run was cancelled before the code started.");
        }

        if (_done is not null)
        {
            return _done.Outcome switch
            {
                CellOutcome.Ok => new RunCompleted(RunStatus.Succeeded),
                CellOutcome.Error => new RunCompleted(RunStatus.Failed, _done.Message),
                _ => new RunCompleted(RunStatus.Interrupted, $"The run was interrupted; the {_language} session kept its state."),
            };
        }

        if (!_sent && !_channelClosed)
        {
            return _exitCode is { } code
                ? new RunCompleted(RunStatus.Crashed, $"The {_language} session could not start (exit code {code}).")
                : new RunCompleted(RunStatus.Crashed, $"The {_language} session did not start within {StartupTimeout.TotalSeconds:0} s.");
        }

        if (_killedAt is not null)
        {
            return new RunCompleted(
                RunStatus.Interrupted, $"The {_language} session did not stop when interrupted and was killed; {stateLost}");
        }

        if (_exitCode is { } exitCode)
        {
            return _interruptedAt is not null
                ? new RunCompleted(RunStatus.Interrupted, $"The {_language} session ended when interrupted (exit code {exitCode}); {stateLost}")
                : new RunCompleted(RunStatus.Crashed, $"The {_language} session ended (exit code {exitCode}); {stateLost}");
        }

        return new RunCompleted(RunStatus.Crashed, $"The {_language} session was closed while the code ran.");
    }
}
