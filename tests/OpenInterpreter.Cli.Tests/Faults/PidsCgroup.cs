using System.Globalization;

namespace OpenInterpreter.Cli.Tests.Faults;

/// <summary>
/// A cgroup v1 pids cgroup of the test's own, with a process limit, for putting the program under the same limit as
/// the code it runs. Needs root and a writable <c>/sys/fs/cgroup/pids</c>; <see cref="Unavailable"/> says why not.
/// </summary>
internal sealed class PidsCgroup : IDisposable
{
    private const string Root = "/sys/fs/cgroup/pids";

    private PidsCgroup(string directory) => Directory = directory;

    public string Directory { get; }

    /// <summary>Why a pids cgroup cannot be made here, or null when it can.</summary>
    public static string? Unavailable { get; } = Probe();

    /// <summary>Processes (and threads) in the cgroup and the ones below it.</summary>
    public int Current => int.Parse(File.ReadAllText(Path.Combine(Directory, "pids.current")).Trim(), CultureInfo.InvariantCulture);

    /// <summary>The cgroups below this one (the program's sessions'): whether one of them has hit its limit, and how
    /// many processes they hold now.</summary>
    public (bool LimitHit, int Current) Below()
    {
        var below = System.IO.Directory.GetDirectories(Directory);
        var hit = below.Any(b => File.ReadAllLines(Path.Combine(b, "pids.events")).Any(l => l.StartsWith("max ", StringComparison.Ordinal) && l != "max 0"));
        return (hit, below.Sum(b => int.Parse(File.ReadAllText(Path.Combine(b, "pids.current")).Trim(), CultureInfo.InvariantCulture)));
    }

    public static PidsCgroup Create(int limit)
    {
        var directory = Path.Combine(Root, $"oi-test-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "pids.max"), limit.ToString(CultureInfo.InvariantCulture));
        return new PidsCgroup(directory);
    }

    /// <summary>Moves process <paramref name="pid"/> (all its threads) into the cgroup.</summary>
    public void Add(int pid) => File.WriteAllText(Path.Combine(Directory, "cgroup.procs"), pid.ToString(CultureInfo.InvariantCulture));

    public void Dispose()
    {
        // Whatever is left is killed, deepest cgroups first, then the folders go.
        foreach (var directory in System.IO.Directory.GetDirectories(Directory, "*", SearchOption.AllDirectories).Reverse().Append(Directory))
        {
            for (var attempt = 0; attempt < 100; attempt++)
            {
                var pids = File.ReadAllLines(Path.Combine(directory, "cgroup.procs")).Where(l => l.Length > 0).ToList();
                if (pids.Count == 0)
                {
                    break;
                }

                foreach (var pid in pids)
                {
                    try
                    {
                        System.Diagnostics.Process.GetProcessById(int.Parse(pid, CultureInfo.InvariantCulture)).Kill();
                    }
                    catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
                    {
                    }
                }

                Thread.Sleep(20);
            }

            try
            {
                System.IO.Directory.Delete(directory);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux() || !System.IO.Directory.Exists(Root))
        {
            return $"there is no cgroup v1 pids hierarchy at {Root}";
        }

        try
        {
            using var probe = Create(1000);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"a pids cgroup cannot be made here ({e.Message}); it needs root";
        }
    }
}
