using System.Text;

namespace OpenInterpreter.Core.Languages;

/// <summary>
/// Makes a driver's private directory (mode 0700): in memory where the system keeps a per-user or shared tmpfs
/// ($XDG_RUNTIME_DIR, then /dev/shm on Linux), else in the temp folder.
/// </summary>
/// <remarks>
/// The cells of the drivers that read their code from a file are written and deleted there, one per run. On a disk
/// file system that costs a run more than the rest of the host's work together (ext4: 60–110 µs to create a small file,
/// 20–200 µs to unlink it; rewriting one in place is worse, since ext4 flushes a file truncated to nothing); in tmpfs
/// each is a few microseconds.
/// A directory's name carries its owner's process id (and PID namespace), so that the directories of an interpreter
/// that was killed, which never removed them, are removed by the next one (<see cref="Sweep"/>).
/// </remarks>
internal static class SessionDirectory
{
    private const string Prefix = "oi-session-";

    /// <summary>The start of the names of this PID namespace's directories; a process id and the random part follow.</summary>
    private static readonly string NamespacePrefix = $"{Prefix}{PidNamespace()}-";

    private static int _swept;

    /// <summary>A new directory only this user can enter, in the first of the candidate places that takes it.</summary>
    public static DirectoryInfo Create()
    {
        var owned = NameStart(Environment.ProcessId);
        if (Interlocked.Exchange(ref _swept, 1) == 0)
        {
            foreach (var place in InMemoryPlaces().Append(Path.GetTempPath()))
            {
                Sweep(place);
            }
        }

        foreach (var place in InMemoryPlaces())
        {
            if (MakeUnique(place, owned) is { } made)
            {
                return made;
            }
        }

        return Directory.CreateTempSubdirectory(owned);
    }

    /// <summary>How the names of the directories of process <paramref name="pid"/> (of this PID namespace) start.</summary>
    internal static string NameStart(int pid) => $"{NamespacePrefix}{pid.ToString(System.Globalization.CultureInfo.InvariantCulture)}-";

    /// <summary>
    /// Removes the directories in <paramref name="parent"/> left by interpreters of this PID namespace that are no
    /// longer running; returns how many it removed.
    /// </summary>
    /// <remarks>
    /// Only those of this namespace: /dev/shm can be shared with a container whose process ids mean other processes,
    /// so a live session there could look dead from here. Only this user's, since the places are sticky and the
    /// directories 0700. A process id taken over by another process keeps its directory until that one ends too.
    /// </remarks>
    internal static int Sweep(string parent)
    {
        var removed = 0;
        try
        {
            foreach (var directory in new DirectoryInfo(parent).EnumerateDirectories(NamespacePrefix + "*"))
            {
                var rest = directory.Name.AsSpan(NamespacePrefix.Length);
                var dash = rest.IndexOf('-');
                if (dash <= 0 || !int.TryParse(rest[..dash], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid)
                    || IsRunning(pid) || directory.LinkTarget is not null)
                {
                    continue;
                }

                try
                {
                    directory.Delete(recursive: true);
                    removed++;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Another user's, or one a child made unwritable: left as it was.
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return removed;
    }

    /// <summary>Whether a process with this id runs (kill with signal 0; EPERM means it runs as another user).</summary>
    private static bool IsRunning(int pid) =>
        pid == Environment.ProcessId || Libc.Kill(pid, 0) == 0 || System.Runtime.InteropServices.Marshal.GetLastPInvokeError() != NoSuchProcess;

    private const int NoSuchProcess = 3;

    /// <summary>The PID namespace's inode on Linux (/proc/self/ns/pid is "pid:[4026531836]"); 0 elsewhere.</summary>
    private static string PidNamespace()
    {
        try
        {
            if (OperatingSystem.IsLinux() && new FileInfo("/proc/self/ns/pid").LinkTarget is { } target)
            {
                var digits = new string(target.Where(char.IsAsciiDigit).ToArray());
                if (digits.Length > 0)
                {
                    return digits;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return "0";
    }

    private static IEnumerable<string> InMemoryPlaces()
    {
        if (Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 1 } runtime && Path.IsPathFullyQualified(runtime))
        {
            yield return runtime;
        }

        if (OperatingSystem.IsLinux())
        {
            yield return "/dev/shm";
        }
    }

    /// <summary>mkdtemp in <paramref name="parent"/>: atomic and 0700, so a world-writable parent is safe; null when
    /// the parent is missing or not writable.</summary>
    private static DirectoryInfo? MakeUnique(string parent, string prefix)
    {
        if (!Directory.Exists(parent))
        {
            return null;
        }

        var template = Encoding.UTF8.GetBytes(Path.Combine(parent, prefix + "XXXXXX") + "\0");
        if (Libc.MakeTemporaryDirectory(template) == 0)
        {
            return null;
        }

        return new DirectoryInfo(Encoding.UTF8.GetString(template, 0, template.Length - 1));
    }
}
