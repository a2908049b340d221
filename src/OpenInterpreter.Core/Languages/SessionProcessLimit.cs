using System.Collections.Concurrent;
using System.Globalization;

namespace OpenInterpreter.Core.Languages;

/// <summary>
/// Keeps the code's processes from using up the process limit the program itself lives under (a pids cgroup): the
/// sessions go into a child cgroup of the program's own whose limit leaves room for the program's threads, so a fork
/// bomb fails its forks instead of making the .NET runtime fail to start a thread and abort. A watcher thread sees the
/// child cgroup hit its limit and kills the process group that holds most of its processes (the run's), and on exit
/// kills whatever is left in it. Where the program is under no such limit, or may not make cgroups, this does nothing.
/// </summary>
internal sealed class SessionProcessLimit
{
    /// <summary>Processes and threads kept free for the program itself: its runtime's threads, a helper or two.</summary>
    private const int Headroom = 64;

    /// <summary>The least room worth confining sessions to; with less, the program's limit is left as it is.</summary>
    private const int SmallestLimit = 16;

    private static readonly TimeSpan WatchInterval = TimeSpan.FromMilliseconds(100);

    private readonly string? _directory;
    private readonly ConcurrentDictionary<int, int> _killed = new();
    private long _limitHits;

    private SessionProcessLimit(string? directory, int limit)
    {
        _directory = directory;
        Limit = limit;
        if (directory is null)
        {
            return;
        }

        _limitHits = ReadLimitHits();
        // A thread of its own, started now: when the limit is reached, no new thread might be had.
        new Thread(Watch) { IsBackground = true, Name = "process limit" }.Start();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Remove();
    }

    /// <summary>The one for this program, made the first time a session starts.</summary>
    public static SessionProcessLimit Shared => LazyShared.Value;

    private static readonly Lazy<SessionProcessLimit> LazyShared = new(Create);

    /// <summary>Most processes the sessions may have together; 0 when they are not confined.</summary>
    public int Limit { get; }

    /// <summary>Moves a just-started driver (before it forks anything) into the sessions' cgroup.</summary>
    public void Adopt(int pid)
    {
        if (_directory is not null)
        {
            TryWrite(Path.Combine(_directory, "cgroup.procs"), pid.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>True, once, when process group <paramref name="group"/> was killed for reaching the limit.</summary>
    public bool TakeKilled(int? group) => group is { } g && _killed.TryRemove(g, out _);

    private static SessionProcessLimit Create()
    {
        try
        {
            if (Own() is not { } own || Room(own) is not { } room || room - Headroom < SmallestLimit)
            {
                return new SessionProcessLimit(null, 0);
            }

            var limit = room - Headroom;
            var directory = Path.Combine(own, $"oi-sessions-{Environment.ProcessId}");
            Directory.CreateDirectory(directory);
            if (!TryWrite(Path.Combine(directory, "pids.max"), limit.ToString(CultureInfo.InvariantCulture)))
            {
                TryRemove(directory);
                return new SessionProcessLimit(null, 0);
            }

            return new SessionProcessLimit(directory, limit);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new SessionProcessLimit(null, 0);
        }
    }

    /// <summary>The program's own pids cgroup folder (cgroup v1's pids hierarchy, or v2's unified one), or null.</summary>
    private static string? Own()
    {
        if (!File.Exists("/proc/self/cgroup"))
        {
            return null;
        }

        foreach (var line in File.ReadLines("/proc/self/cgroup"))
        {
            var parts = line.Split(':', 3);
            if (parts.Length == 3 && parts[1].Split(',').Contains("pids") && Directory.Exists("/sys/fs/cgroup/pids"))
            {
                return "/sys/fs/cgroup/pids" + parts[2].TrimEnd('/');
            }

            if (parts is [_, "", var path] && File.Exists("/sys/fs/cgroup/cgroup.controllers")
                && File.Exists(Path.Combine("/sys/fs/cgroup" + path, "pids.max")))
            {
                return "/sys/fs/cgroup" + path.TrimEnd('/');
            }
        }

        return null;
    }

    /// <summary>How many more processes may start under the program's cgroup and its parents; null for no limit.</summary>
    private static int? Room(string own)
    {
        int? room = null;
        for (var directory = own; directory.Length > "/sys/fs/cgroup".Length; directory = Path.GetDirectoryName(directory)!)
        {
            var max = Path.Combine(directory, "pids.max");
            if (File.Exists(max) && int.TryParse(File.ReadAllText(max).Trim(), CultureInfo.InvariantCulture, out var limit)
                && int.TryParse(File.ReadAllText(Path.Combine(directory, "pids.current")).Trim(), CultureInfo.InvariantCulture, out var current))
            {
                room = Math.Min(room ?? int.MaxValue, limit - current);
            }
        }

        return room;
    }

    private void Watch()
    {
        while (true)
        {
            Thread.Sleep(WatchInterval);
            try
            {
                var hits = ReadLimitHits();
                if (hits > _limitHits)
                {
                    _limitHits = hits;
                    KillLargestGroup();
                    _limitHits = ReadLimitHits();
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The cgroup went away (the program is exiting): nothing left to watch.
                return;
            }
        }
    }

    /// <summary>Kills the process group with the most processes in the cgroup (the runaway run's), until none is left.</summary>
    private void KillLargestGroup()
    {
        var largest = Members().GroupBy(GroupOf).Where(g => g.Key > 0).MaxBy(g => g.Count());
        if (largest is null)
        {
            return;
        }

        var group = largest.Key;
        _killed[group] = Limit;
        for (var attempt = 0; attempt < 200 && Members().Any(pid => GroupOf(pid) == group); attempt++)
        {
            // One kill reaches every member at once; a fork racing it fails, so a few rounds end even a bomb.
            Libc.Kill(-group, Libc.SigKill);
            Thread.Sleep(10);
        }

        // Killed processes hold their slots until they are reaped; the next run should find room again.
        for (var wait = 0; wait < 500 && Count() > Limit / 2; wait++)
        {
            Thread.Sleep(10);
        }
    }

    private int Count() =>
        int.TryParse(File.ReadAllText(Path.Combine(_directory!, "pids.current")).Trim(), CultureInfo.InvariantCulture, out var count) ? count : 0;

    private long ReadLimitHits()
    {
        // "max N": how many forks the limit has refused so far.
        foreach (var line in File.ReadLines(Path.Combine(_directory!, "pids.events")))
        {
            if (line.StartsWith("max ", StringComparison.Ordinal) && long.TryParse(line.AsSpan(4), CultureInfo.InvariantCulture, out var count))
            {
                return count;
            }
        }

        return 0;
    }

    private List<int> Members() =>
        File.ReadAllLines(Path.Combine(_directory!, "cgroup.procs"))
            .Select(l => int.TryParse(l, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0)
            .ToList();

    private static int GroupOf(int pid)
    {
        try
        {
            // /proc/PID/stat: "pid (name) state ppid pgrp …"; the name may hold spaces, so count from the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[2], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 0;
        }
    }

    /// <summary>On exit: nothing the code started outlives the program, and the cgroup is removed.</summary>
    private void Remove()
    {
        try
        {
            for (var attempt = 0; attempt < 100 && Members() is { Count: > 0 } left; attempt++)
            {
                foreach (var pid in left)
                {
                    Libc.Kill(pid, Libc.SigKill);
                }

                Thread.Sleep(10);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        TryRemove(_directory!);
    }

    private static void TryRemove(string directory)
    {
        try
        {
            // A cgroup folder is removed with rmdir alone; its files are not real files.
            Directory.Delete(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static bool TryWrite(string path, string text)
    {
        try
        {
            File.WriteAllText(path, text);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
