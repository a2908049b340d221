namespace OpenInterpreter.Core.Output;

/// <summary>Creates files only the user can read (mode 0600), for anything that may hold secrets or private output.</summary>
public static class PrivateFile
{
    /// <summary>A new, unused path in <paramref name="directory"/> (created 0700 if missing), stamped with the time.</summary>
    public static string CreatePath(string directory, string prefix, string extension)
    {
        CreateDirectory(directory);
        var stamp = DateTime.Now.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        return Path.Combine(directory, $"{prefix}-{stamp}-{Guid.NewGuid().ToString("N")[..8]}{extension}");
    }

    /// <summary>Creates <paramref name="directory"/> with mode 0700 when it does not exist.</summary>
    public static void CreateDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>Opens <paramref name="path"/> for writing, created with mode 0600 (truncated if it exists).</summary>
    public static FileStream OpenForWriting(string path) =>
        new(path, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            Share = FileShare.Read,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
}
