using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace OpenInterpreter.Core.Languages;

/// <summary>
/// The base of the language sessions: a long-lived child process running a small driver program that runs each
/// piece of code in the state the earlier ones left. The process starts on the first run and again after a crash.
/// </summary>
public abstract class DriverSession : ILanguageSession
{
    private readonly DriverProgram _program;
    private readonly SessionOptions _options;
    private DriverProcess? _process;
    private int _busy;
    private bool _disposed;

    private protected DriverSession(LanguageInfo language, DriverProgram program, SessionOptions? options)
    {
        Language = language;
        _program = program;
        _options = options ?? new SessionOptions();
    }

    /// <inheritdoc />
    public LanguageInfo Language { get; }

    /// <summary>How long interrupted code has, after SIGINT, to stop before its process group is killed.</summary>
    public TimeSpan InterruptGracePeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The process group of the running driver, or null when none runs; for tests that look for leftovers.</summary>
    internal int? ProcessGroupId => _process?.ProcessGroupId;

    /// <inheritdoc />
    public async IAsyncEnumerable<ExecutionEvent> RunAsync(string code, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Interlocked.Exchange(ref _busy, 1) != 0)
        {
            throw new InvalidOperationException($"The {Language.Name} session is already running code.");
        }

        DriverProcess? process = null;
        DriverRun? run = null;
        try
        {
            var (ready, notice, failure) = await AcquireProcessAsync().ConfigureAwait(false);
            process = ready;
            if (notice is not null)
            {
                yield return new OutputWritten(notice, OutputStream.Stderr);
            }

            if (process is null)
            {
                yield return new RunCompleted(RunStatus.Failed, failure);
                yield break;
            }

            run = new DriverRun(process, Language.Name, PrepareCell(code), InterruptGracePeriod, cancellationToken);
            await foreach (var execution in run.ExecuteAsync().ConfigureAwait(false))
            {
                yield return execution is RunCompleted && SessionProcessLimit.Shared.TakeKilled(process.ProcessGroupId)
                    ? new RunCompleted(RunStatus.Crashed,
                        $"The code reached the limit of {SessionProcessLimit.Shared.Limit} processes (a fork bomb?), so every process of the run was killed; "
                        + "the next run starts a fresh session, so earlier state is lost.")
                    : execution;
            }
        }
        finally
        {
            // A dead process is replaced on the next run; so is one whose run the caller abandoned half-way, since
            // its cell may still be running and would answer the next request late.
            if (process is not null && run is not null && (run.ProcessLost || !run.Completed))
            {
                Interlocked.CompareExchange(ref _process, null, process);
                await process.DisposeAsync().ConfigureAwait(false);
            }

            Volatile.Write(ref _busy, 0);
        }
    }

    /// <summary>The cell the driver gets for <paramref name="code"/>; the code itself unless the language must
    /// wrap it.</summary>
    private protected virtual string PrepareCell(string code) => code;

    /// <summary>Ends the process and its whole process group; the session cannot run code afterwards.</summary>
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (Interlocked.Exchange(ref _process, null) is { } process)
        {
            await process.DisposeAsync().ConfigureAwait(false);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>The running driver, started if needed; a notice when an earlier one had died while idle; or why none could start.</summary>
    private async ValueTask<(DriverProcess? Process, string? Notice, string? Failure)> AcquireProcessAsync()
    {
        string? notice = null;
        if (_process is { HasExited: true } dead)
        {
            // Code left running in the background (a shell fork bomb's `&`) can reach the process limit between runs.
            notice = SessionProcessLimit.Shared.TakeKilled(dead.ProcessGroupId)
                ? $"[Code left running by an earlier run reached the limit of {SessionProcessLimit.Shared.Limit} processes (a fork bomb?), so the {Language.Name} session's processes were killed; "
                    + "this run starts a fresh session, so earlier state is lost.]\n"
                : $"[The {Language.Name} session had ended (exit code {dead.ExitCode}); "
                    + "this run starts a fresh session, so earlier state is lost.]\n";
            _process = null;
            await dead.DisposeAsync().ConfigureAwait(false);
        }

        if (_process is not null)
        {
            return (_process, notice, null);
        }

        if (ExecutableLocator.Find(_program.Runtime) is not { } runtime || ExecutableLocator.Find(_program.Prerequisite) is null)
        {
            return (null, notice, $"{_program.Prerequisite} is not installed: {_program.InstallHint}");
        }

        try
        {
            _process = DriverProcess.Start(_program, runtime, _options);
            return (_process, notice, null);
        }
        catch (Exception e) when (e is IOException or Win32Exception or UnauthorizedAccessException or InvalidOperationException)
        {
            return (null, notice, $"The {Language.Name} session could not start: {e.Message}");
        }
    }
}
