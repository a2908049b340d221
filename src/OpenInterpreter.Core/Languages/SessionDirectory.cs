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
/// </remarks>
internal static class SessionDirectory
{
    private const string Prefix = "oi-session-";

    /// <summary>A new directory only this user can enter, in the first of the candidate places that takes it.</summary>
    public static DirectoryInfo Create()
    {
        foreach (var place in InMemoryPlaces())
        {
            if (MakeUnique(place) is { } made)
            {
                return made;
            }
        }

        return Directory.CreateTempSubdirectory(Prefix);
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
    private static DirectoryInfo? MakeUnique(string parent)
    {
        if (!Directory.Exists(parent))
        {
            return null;
        }

        var template = Encoding.UTF8.GetBytes(Path.Combine(parent, Prefix + "XXXXXX") + "\0");
        if (Libc.MakeTemporaryDirectory(template) == 0)
        {
            return null;
        }

        return new DirectoryInfo(Encoding.UTF8.GetString(template, 0, template.Length - 1));
    }
}
