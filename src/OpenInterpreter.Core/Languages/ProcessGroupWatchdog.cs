using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace OpenInterpreter.Core.Languages;

/// <summary>
/// A small shell process that kills the drivers' process groups once this program is gone, however it ended: the
/// kernel closes the program's end of the watchdog's stdin even when the program is killed outright, and the watchdog,
/// reading end-of-file, kills every group it still holds.
/// </summary>
/// <remarks>
/// A driver dies with the program (its parent-death signal), but the processes the code started are the driver's
/// children, not the program's: without this, a <c>subprocess.Popen</c> or a <c>make &amp;</c> ran on unattended after
/// <c>kill -9</c> of the program or a crash. The watchdog ignores the terminal's signals (Ctrl-C, Ctrl-Z, a closed
/// terminal's SIGHUP), which reach it in the program's process group, so it outlives the program by the time it takes
/// to read end-of-file. A group is forgotten once the program has ended it itself: only a group with members left
/// keeps its id, and a free id could be taken by a stranger.
/// </remarks>
internal sealed class ProcessGroupWatchdog : IDisposable
{
    /// <summary>POSIX sh: a line "N" adds group N, "-N" removes it; at end-of-file it kills the groups left.</summary>
    private const string Script = """
        exec >/dev/null 2>&1
        trap '' INT HUP TERM QUIT TSTP TTIN TTOU PIPE
        groups=' '
        while IFS= read -r group; do
          case $group in
            -*) group=${group#-}; case $groups in *" $group "*) groups="${groups%% $group *} ${groups#* $group }" ;; esac ;;
            *) groups="$groups$group " ;;
          esac
        done
        for group in $groups; do kill -s KILL -- "-$group"; done
        """;

    private static readonly Lazy<ProcessGroupWatchdog> LazyShared = new(() => new ProcessGroupWatchdog());

    private readonly Lock _lock = new();
    private Task? _starting;
    private List<string>? _queued = [];
    private Process? _process;
    private StreamWriter? _groups;

    /// <summary>A watchdog of its own; the program uses <see cref="Shared"/>.</summary>
    internal ProcessGroupWatchdog()
    {
    }

    /// <summary>The one for this program, started the first time a group is watched.</summary>
    public static ProcessGroupWatchdog Shared => LazyShared.Value;

    /// <summary>Has process group <paramref name="group"/> killed when the program is gone.</summary>
    public void Watch(int group) => Send(group.ToString(CultureInfo.InvariantCulture));

    /// <summary>Forgets <paramref name="group"/>, which the program has ended itself.</summary>
    public void Forget(int group) => Send("-" + group.ToString(CultureInfo.InvariantCulture));

    /// <summary>Closes the watchdog's stdin, as the kernel does when the program ends: it kills the groups it holds.</summary>
    public void Dispose()
    {
        Task? starting;
        lock (_lock)
        {
            starting = _starting;
        }

        starting?.Wait();
        lock (_lock)
        {
            _groups?.Dispose();
            _groups = null;
            _process?.Dispose();
        }
    }

    private void Send(string line)
    {
        lock (_lock)
        {
            // Started off the caller's thread: a fork and exec (a millisecond or two) on the way to the first run would
            // delay it. The lines sent meanwhile wait in the queue.
            _starting ??= Task.Run(Start);

            if (_groups is null)
            {
                _queued?.Add(line);
                return;
            }

            Write(line);
        }
    }

    private void Write(string line)
    {
        try
        {
            _groups!.Write(line + "\n");
            _groups.Flush();
        }
        catch (IOException)
        {
            // The watchdog is gone (killed by hand): the drivers still die with the program, their children not.
            _groups = null;
        }
    }

    private void Start()
    {
        Process? process = null;
        if (!OperatingSystem.IsWindows() && ExecutableLocator.Find("sh") is { } sh)
        {
            try
            {
                process = Process.Start(new ProcessStartInfo(sh, ["-c", Script]) { RedirectStandardInput = true, UseShellExecute = false });
            }
            catch (Win32Exception)
            {
                // No shell to run it: as before, the drivers die with the program and their children outlive it.
            }
        }

        lock (_lock)
        {
            var queued = _queued;
            _queued = null;
            if (process is null)
            {
                return;
            }

            _process = process;
            _groups = process.StandardInput;
            foreach (var line in queued ?? [])
            {
                Write(line);
            }
        }
    }
}
