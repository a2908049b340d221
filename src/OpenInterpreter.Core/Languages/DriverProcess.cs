using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Channels;

namespace OpenInterpreter.Core.Languages;

/// <summary>
/// One running driver: a child process in its own session and process group, with no controlling terminal and stdin
/// at end-of-file; the private directory holding its script, two FIFOs and, for some drivers, its cells; and the
/// threads that read it.
/// </summary>
/// <remarks>
/// The FIFOs keep the protocol off the program's own streams: the host writes run requests into "requests" and the
/// driver reports on "control". The host opens both read-write, so neither open blocks waiting for the other side
/// and the host never gets SIGPIPE; the price is that the control reader never sees end-of-file, so the host stops
/// it by writing <see cref="ControlPump.StopLine"/> into the FIFO itself.
/// A request is "cell TAB fence TAB byte count", the cell's UTF-8 code right behind it in the FIFO; or, for the
/// drivers that can only take code from a file (bash reads a pipe one byte per system call), "run TAB fence TAB path"
/// of a cell file written just before.
/// </remarks>
internal sealed class DriverProcess : IAsyncDisposable
{
    /// <summary>Messages in flight between the reader threads and the run: a few dozen chunks of at most 64 KiB.</summary>
    private const int MessageCapacity = 32;

    /// <summary>What the output pipes and the requests FIFO are widened to on Linux (best effort: past
    /// /proc/sys/fs/pipe-max-size it fails harmlessly).</summary>
    private const int PipeBytes = 1 << 20;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Process _process;
    private readonly DirectoryInfo _directory;
    private readonly FileStream _requests;
    private readonly int _requestCapacity;
    private readonly FileStream _control;
    private readonly Thread _controlThread;
    private readonly OutputPump _stdout;
    private readonly OutputPump _stderr;
    private readonly string? _cellExtension;
    // A run waiting for its next message continues on the reader thread that wrote it, instead of being woken on the
    // thread pool: one thread-pool hop per output chunk (a wake-up, and the worker's spinning after it) cost the host
    // more CPU than reading and decoding the output. When the run is behind, the readers only queue and read on.
    private readonly Channel<DriverMessage> _messages =
        Channel.CreateBounded<DriverMessage>(new BoundedChannelOptions(MessageCapacity) { SingleReader = true, AllowSynchronousContinuations = true });
    private readonly ReportGate _reports;
    private int _cellCount;
    private int _disposed;

    private DriverProcess(Process process, bool ownGroup, DirectoryInfo directory, FileStream requests, FileStream control, string? cellExtension)
    {
        _process = process;
        ProcessGroupId = ownGroup ? process.Id : null;
        if (ProcessGroupId is { } group)
        {
            ProcessGroupWatchdog.Shared.Watch(group);
        }

        _directory = directory;
        _requests = requests;
        _control = control;
        _cellExtension = cellExtension;
        _requestCapacity = Widen(requests.SafeFileHandle.DangerousGetHandle());
        _reports = new ReportGate(_messages.Writer);
        _stdout = new OutputPump(Widened(process.StandardOutput.BaseStream), OutputStream.Stdout, _reports, OutputBuffers, Unread(process.StandardOutput.BaseStream));
        _stderr = new OutputPump(Widened(process.StandardError.BaseStream), OutputStream.Stderr, _reports, OutputBuffers, Unread(process.StandardError.BaseStream));
        _stdout.Start();
        _stderr.Start();
        _controlThread = new ControlPump(control, _reports).Start();
        _ = ReportExitAsync();
    }

    /// <summary>The buffers the output pumps lend their chunks in, and whether the consumer wants strings instead.</summary>
    public OutputBufferPool OutputBuffers { get; } = new();

    /// <summary>Everything the driver reports, in the order it was read.</summary>
    public ChannelReader<DriverMessage> Messages => _messages.Reader;

    /// <summary>The process group the driver leads, or null where setsid was not available.</summary>
    public int? ProcessGroupId { get; }

    /// <summary>True once a run has seen the driver's ready line.</summary>
    public bool IsReady { get; set; }

    /// <summary>True when the driver process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The driver's exit code; only once <see cref="HasExited"/>.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <paramref name="program"/> with the runtime found at <paramref name="runtimePath"/>.</summary>
    public static DriverProcess Start(DriverProgram program, string runtimePath, SessionOptions options)
    {
        // Created 0700: the FIFOs and cells inside are this user's alone.
        var directory = SessionDirectory.Create();
        FileStream? requests = null;
        FileStream? control = null;
        try
        {
            requests = OpenFifo(Path.Combine(directory.FullName, "requests"));
            control = OpenFifo(Path.Combine(directory.FullName, "control"));
            var script = program.DriverResource is { } resource ? WriteDriverScript(directory, resource) : null;
            foreach (var companion in program.Companions ?? [])
            {
                WriteDriverScript(directory, companion);
            }

            var setsid = ExecutableLocator.Find("setsid");
            var start = StartInfo(program, runtimePath, script, requests.Name, control.Name, setsid, ParentDeath.Value, options);
            // The sandbox wraps the start command; the session's own folders stay writable.
            options.Sandbox?.Confine(start, [directory.FullName, options.FilesDirectoryOrDefault]);
            var process = SpawnThread.Start(start);
            SessionProcessLimit.Shared.Adopt(process.Id);
            // The child's stdin is a pipe nobody writes to: closing our end puts it at end-of-file for good.
            process.StandardInput.Close();
            return new DriverProcess(process, setsid is not null, directory, requests, control, program.CellExtension);
        }
        catch
        {
            requests?.Dispose();
            control?.Dispose();
            directory.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>Asks the driver to run <paramref name="code"/>, ending with <paramref name="fence"/>: the code goes
    /// behind the request, or into a new cell file for a driver that reads files; returns that file's path, which the
    /// caller deletes after the run, or null. A cell too large for the FIFO is written as the driver reads it; when
    /// <paramref name="cancellation"/> fires before it is all written, this throws
    /// <see cref="OperationCanceledException"/> and the driver, left with part of a request, must be killed.</summary>
    public string? SendCell(Fence fence, string code, CancellationToken cancellation)
    {
        _reports.Expect(fence);
        _stdout.Expect(fence);
        _stderr.Expect(fence);
        if (_cellExtension is null)
        {
            var size = Utf8.GetByteCount(code);
            var header = $"cell\t{fence.Text}\t{size}\n";
            var request = new byte[header.Length + size];
            Encoding.ASCII.GetBytes(header, request);
            Utf8.GetBytes(code, request.AsSpan(header.Length));
            WriteRequest(request, cancellation);
            return null;
        }

        var path = Path.Combine(_directory.FullName, $"cell-{Interlocked.Increment(ref _cellCount)}{_cellExtension}");
        using (var cell = File.OpenHandle(path, FileMode.Create, FileAccess.Write))
        {
            RandomAccess.Write(cell, Utf8.GetBytes(code), 0);
        }

        WriteRequest(Utf8.GetBytes($"run\t{fence.Text}\t{path}\n"), cancellation);
        return path;
    }

    /// <summary>
    /// Writes one request whole. Between runs the FIFO is empty, so a request it can hold goes in one write that
    /// cannot block. A larger one goes a pipe buffer at a time as the driver reads it, and is given up once the driver
    /// has died (its exit is reported as usual): with the host's own read end open, a blocked write would never fail.
    /// </summary>
    private void WriteRequest(ReadOnlySpan<byte> request, CancellationToken cancellation)
    {
        var fd = _requests.SafeFileHandle.DangerousGetHandle();
        if (request.Length <= _requestCapacity && (Libc.Ioctl(fd, Libc.BytesToRead, out var unread) != 0 || unread == 0))
        {
            _requests.Write(request);
            return;
        }

        var atomic = OperatingSystem.IsMacOS() ? 512 : 4096;
        while (request.Length > 0)
        {
            var poll = new Libc.PollDescriptor { Fd = (int)fd, Events = Libc.PollOut };
            if (Libc.Poll(ref poll, 1, 100) <= 0)
            {
                cancellation.ThrowIfCancellationRequested();
                if (_process.HasExited)
                {
                    return;
                }

                continue;
            }

            // At most PIPE_BUF: once poll says there is room, a write that small does not block.
            var chunk = Math.Min(request.Length, atomic);
            _requests.Write(request[..chunk]);
            request = request[chunk..];
        }
    }

    /// <summary>Asks for the current cell's start message; true when the driver has started it already.</summary>
    public bool WantStart() => _reports.WantStart();

    /// <summary>Sends <paramref name="signal"/> to the driver's whole process group (the driver alone without one).</summary>
    public void Signal(int signal)
    {
        // Kill the group even after the driver is gone: its children may still be in it. A group id cannot be reused
        // while the group has members, so this never reaches a stranger.
        if (ProcessGroupId is { } group && group != Libc.GetProcessGroup() && Libc.Kill(-group, signal) == 0)
        {
            return;
        }

        if (!_process.HasExited)
        {
            Libc.Kill(_process.Id, signal);
        }
    }

    /// <summary>Kills the process group, stops the reader threads and removes the private directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _messages.Writer.TryComplete();
        Signal(Libc.SigKill);
        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A process stuck in uninterruptible sleep: nothing more to do than not wait for it.
        }

        if (ProcessGroupId is { } group && _process.HasExited)
        {
            // Killed above and reaped: the group is empty or its last members are dying of that SIGKILL.
            ProcessGroupWatchdog.Shared.Forget(group);
        }

        StopControlReader();
        _requests.Dispose();
        _process.Dispose();
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file a child left open or a directory it made unwritable; the system cleans the temp dir eventually.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private void StopControlReader()
    {
        try
        {
            // Opening for writing does not block: our own read-write handle is a reader.
            using (var writer = new FileStream(_control.Name, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0))
            {
                writer.Write(Encoding.UTF8.GetBytes(ControlPump.StopLine + "\n"));
            }

            // The run's consumer can be disposing on the control thread itself (see _messages).
            if (Thread.CurrentThread != _controlThread)
            {
                _controlThread.Join(TimeSpan.FromSeconds(2));
            }
        }
        catch (IOException)
        {
        }

        _control.Dispose();
    }

    private async Task ReportExitAsync()
    {
        await _process.WaitForExitAsync().ConfigureAwait(false);
        try
        {
            await _messages.Writer.WriteAsync(new ProcessExited(_process.ExitCode)).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
        }
    }

    /// <summary>The output pipe, its capacity raised (on Linux) from 64 KiB to 1 MiB: code that prints fast then
    /// fills it between two reads instead of waiting on it, and the host reads it in fewer, fuller reads.</summary>
    private static Stream Widened(Stream pipe)
    {
        if (OperatingSystem.IsLinux() && pipe is System.IO.Pipes.PipeStream { SafePipeHandle: var handle })
        {
            _ = Libc.Fcntl(handle.DangerousGetHandle(), Libc.SetPipeSize, PipeBytes);
        }

        return pipe;
    }

    /// <summary>How many bytes <paramref name="pipe"/> holds unread, asked of the kernel (FIONREAD); 0 when unknown.</summary>
    private static Func<int>? Unread(Stream pipe) =>
        pipe is System.IO.Pipes.PipeStream { SafePipeHandle: var handle }
            ? () => Libc.Ioctl(handle.DangerousGetHandle(), Libc.BytesToRead, out var count) == 0 ? count : 0
            : null;

    /// <summary>Raises the requests FIFO (on Linux) to 1 MiB, so that nearly every cell goes to the driver in one
    /// write, and returns its capacity.</summary>
    private static int Widen(nint fifo)
    {
        if (!OperatingSystem.IsLinux())
        {
            // macOS: a pipe holds 16 KiB before it grows.
            return 16384;
        }

        _ = Libc.Fcntl(fifo, Libc.SetPipeSize, PipeBytes);
        return Math.Max(Libc.Fcntl(fifo, Libc.GetPipeSize, 0), 0);
    }

    private static FileStream OpenFifo(string path)
    {
        if (Libc.MakeFifo(path, Convert.ToUInt32("600", 8)) != 0)
        {
            throw new IOException($"Could not create the FIFO {path} (errno {Marshal.GetLastPInvokeError()}).");
        }

        return new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
    }

    /// <summary>The command that sets the driver's parent-death signal before it execs the runtime (Linux, util-linux
    /// 2.33 or later); empty where there is none. Asked once, of a setpriv that runs <c>true</c>.</summary>
    private static readonly Lazy<string[]> ParentDeath = new(() =>
    {
        if (!OperatingSystem.IsLinux() || ExecutableLocator.Find("setpriv") is not { } setpriv)
        {
            return [];
        }

        string[] command = [setpriv, "--pdeathsig", "KILL", "--"];
        try
        {
            using var probe = Process.Start(new ProcessStartInfo(setpriv, [.. command.Skip(1), "true"]) { RedirectStandardError = true, UseShellExecute = false });
            if (probe is null || !probe.WaitForExit(5000))
            {
                return [];
            }

            return probe.ExitCode == 0 ? command : [];
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return [];
        }
    });

    private static string WriteDriverScript(DirectoryInfo directory, string resource)
    {
        var path = Path.Combine(directory.FullName, resource);
        using var source = typeof(DriverProcess).Assembly.GetManifestResourceStream("drivers/" + resource)
            ?? throw new InvalidOperationException($"The driver {resource} is missing from the assembly.");
        using var target = File.Create(path);
        source.CopyTo(target);
        return path;
    }

    private static ProcessStartInfo StartInfo(
        DriverProgram program, string runtimePath, string? script, string requests, string control, string? setsid, string[] parentDeath, SessionOptions options)
    {
        // setsid puts the driver in a new session, so it has its own process group and no controlling terminal:
        // nothing it runs can read from or stop on the user's terminal. It execs in place (our child is never a
        // group leader), so the driver's pid is the group id. setpriv, which execs too, has the driver killed when
        // this program dies without the chance to end it (SIGKILL, a crash), so it does not run on unattended.
        string[] command =
        [
            .. setsid is null ? [] : new[] { setsid },
            .. parentDeath,
            runtimePath,
            .. program.RuntimeArguments,
            .. script is null ? [requests, control] : new[] { script, requests, control },
        ];
        var start = new ProcessStartInfo
        {
            FileName = command[0],
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = options.WorkingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in NonInteractiveEnvironment.Defaults.Concat(program.Environment))
        {
            start.Environment[name] = value;
        }

        // Where drivers save what they make for the user (Python's figures); it outlives the session.
        start.Environment["OI_FILES_DIR"] = options.FilesDirectoryOrDefault;
        foreach (var (name, value) in options.Environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        return start;
    }
}
