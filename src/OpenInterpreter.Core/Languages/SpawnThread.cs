using System.Collections.Concurrent;
using System.Diagnostics;

namespace OpenInterpreter.Core.Languages;

/// <summary>
/// Starts the drivers' processes from one thread that lives as long as the program. The kernel's parent-death
/// signal (bubblewrap's <c>--die-with-parent</c>, <c>setpriv --pdeathsig</c>) fires when the thread that forked the
/// child ends, not the process: a driver started from a thread-pool thread was killed once that thread retired, and
/// its session's state was lost.
/// </summary>
internal static class SpawnThread
{
    private static readonly BlockingCollection<Spawn> Requests = [];
    private static readonly Lazy<Thread> Thread = new(() =>
    {
        var thread = new Thread(Serve) { IsBackground = true, Name = "oi-spawn" };
        thread.Start();
        return thread;
    });

    /// <summary><see cref="Process.Start(ProcessStartInfo)"/> on the spawn thread; its exceptions are rethrown here.</summary>
    public static Process Start(ProcessStartInfo start)
    {
        _ = Thread.Value;
        var spawn = new Spawn(start, new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously));
        Requests.Add(spawn);
        return spawn.Started.Task.GetAwaiter().GetResult();
    }

    private static void Serve()
    {
        foreach (var spawn in Requests.GetConsumingEnumerable())
        {
            try
            {
                spawn.Started.SetResult(Process.Start(spawn.Start) ?? throw new InvalidOperationException($"{spawn.Start.FileName} did not start."));
            }
            catch (Exception e)
            {
                spawn.Started.SetException(e);
            }
        }
    }

    private sealed record Spawn(ProcessStartInfo Start, TaskCompletionSource<Process> Started);
}
