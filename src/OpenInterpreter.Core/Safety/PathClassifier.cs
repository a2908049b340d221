namespace OpenInterpreter.Core.Safety;

/// <summary>
/// Tells where a path written in code lies (<see cref="PathPlace"/>) relative to the working folder and the home
/// folder, expanding <c>~</c>, <c>$HOME</c> and its PowerShell spellings; and which paths are start-up files, keys
/// and credentials that must not be overwritten or read unasked.
/// </summary>
public sealed class PathClassifier(string workingDirectory, string homeDirectory, string? currentDirectory = null)
{
    private static readonly string[] SystemFolders =
    [
        "/etc", "/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/boot", "/var", "/opt", "/sys", "/proc", "/dev",
        "/srv", "/root", "/snap", "/System", "/Library", "/Applications", "/private", "/home", "/Users",
    ];

    private static readonly string[] TemporaryFolders = ["/tmp", "/var/tmp", "/dev/shm"];

    private static readonly string[] StartupFiles =
    [
        ".bashrc", ".bash_profile", ".bash_login", ".bash_logout", ".profile", ".zshrc", ".zprofile", ".zshenv", ".zlogin",
        ".config/fish/config.fish", ".config/powershell/Microsoft.PowerShell_profile.ps1", ".inputrc", ".xinitrc", ".xprofile",
    ];

    private static readonly string[] CredentialFiles =
    [
        ".ssh/id_", ".ssh/identity", ".aws/credentials", ".aws/config", ".netrc", ".docker/config.json", ".kube/config",
        ".gnupg", ".git-credentials", ".config/gh/hosts.yml", ".npmrc", ".pypirc", ".azure", ".config/gcloud",
    ];

    /// <summary>The folder code runs in; relative paths are resolved against it.</summary>
    public string WorkingDirectory { get; } = Path.TrimEndingDirectorySeparator(Path.GetFullPath(workingDirectory));

    /// <summary>The user's home folder.</summary>
    public string HomeDirectory { get; } = Path.TrimEndingDirectorySeparator(homeDirectory);

    /// <summary>
    /// Where relative paths are resolved: the working folder, or where an earlier <c>cd</c> of the same code went;
    /// empty after a <c>cd</c> to a place known only at run time (relative paths are then unknown too).
    /// </summary>
    public string CurrentDirectory { get; } = currentDirectory ?? Path.TrimEndingDirectorySeparator(Path.GetFullPath(workingDirectory));

    /// <summary>A folder as a reason shows it: <c>~/Downloads</c>; an unknown one as such.</summary>
    public string Shown(string folder) =>
        folder.Length == 0 ? "a folder known only at run time"
        : folder == HomeDirectory ? "~"
        : folder.StartsWith(HomeDirectory + "/", StringComparison.Ordinal) ? "~" + folder[HomeDirectory.Length..]
        : folder;

    /// <summary>The same classifier after <c>cd</c> to <paramref name="directory"/>.</summary>
    public PathClassifier After(string directory) =>
        new(WorkingDirectory, HomeDirectory, Resolve(directory) is { } full ? Path.TrimEndingDirectorySeparator(full) : "");

    /// <summary>The same classifier after a <c>cd</c> to a place known only at run time: relative paths are unknown then.</summary>
    public PathClassifier AfterUnknown() => new(WorkingDirectory, HomeDirectory, "");

    /// <summary>Expands the home folder in <paramref name="path"/> and makes it absolute; null when it names a variable we cannot know.</summary>
    public string? Resolve(string path)
    {
        var text = path.Trim();
        if (text.Length == 0)
        {
            return null;
        }

        foreach (var home in (string[])["$HOME", "${HOME}", "$env:HOME", "$env:USERPROFILE", "${env:USERPROFILE}", "%USERPROFILE%", "$ENV{HOME}",
            "#{Dir.home}", "#{ENV['HOME']}", "#{ENV[\"HOME\"]}", "${os.homedir()}", "${process.env.HOME}"])
        {
            if (text.StartsWith(home, StringComparison.OrdinalIgnoreCase) && (text.Length == home.Length || text[home.Length] is '/' or '\\'))
            {
                text = HomeDirectory + text[home.Length..];
                break;
            }
        }

        foreach (var here in (string[])["$PWD", "${PWD}", "$(pwd)"])
        {
            if (text.StartsWith(here, StringComparison.Ordinal) && (text.Length == here.Length || text[here.Length] == '/'))
            {
                if (CurrentDirectory.Length == 0)
                {
                    return null;
                }

                text = CurrentDirectory + text[here.Length..];
            }
        }

        if (text == "~" || text.StartsWith("~/", StringComparison.Ordinal) || text.StartsWith("~\\", StringComparison.Ordinal))
        {
            text = HomeDirectory + text[1..];
        }
        else if (text.StartsWith('~') && OtherHome(text) is { } other)
        {
            text = other;
        }

        if (text.Contains('$') || text.StartsWith('~'))
        {
            return null;
        }

        // A Windows drive (PowerShell): C:\ is the root, C:\Windows and C:\Program Files are the system.
        if (text.Length >= 2 && char.IsAsciiLetter(text[0]) && text[1] == ':')
        {
            var rest = text[2..].Replace('\\', '/').TrimEnd('/', '*');
            return rest.Length == 0 ? "/" : rest.StartsWith("/windows", StringComparison.OrdinalIgnoreCase) || rest.StartsWith("/program files", StringComparison.OrdinalIgnoreCase) ? "/usr" + rest : "/c" + rest;
        }

        text = text.Replace('\\', '/');
        if (CurrentDirectory.Length == 0 && !text.StartsWith('/'))
        {
            return null;
        }

        try
        {
            return Path.GetFullPath(text, CurrentDirectory);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// <c>~bob/x</c>: bob's home folder, a sibling of ours when ours is in <c>/home</c> or <c>/Users</c> (else
    /// <c>/home/bob</c>); <c>~+</c> is the current folder; <c>~-</c>, the previous one, and <c>~$X</c> are unknown.
    /// </summary>
    private string? OtherHome(string text)
    {
        var slash = text.IndexOfAny(['/', '\\']);
        var user = slash < 0 ? text[1..] : text[1..slash];
        var rest = slash < 0 ? "" : text[slash..];
        if (user == "+")
        {
            return CurrentDirectory.Length == 0 ? null : CurrentDirectory + rest;
        }

        if (user.Length == 0 || !user.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '_' or '-' or '.'))
        {
            return null;
        }

        var homes = Path.GetDirectoryName(HomeDirectory) is "/Users" ? "/Users" : "/home";
        return user == "root" ? "/root" + rest : homes + "/" + user + rest;
    }

    /// <summary>Where <paramref name="path"/> lies; a trailing wildcard (<c>~/*</c>) counts as the folder it empties.</summary>
    public PathPlace Classify(string path)
    {
        if (Resolve(path) is not { } full)
        {
            return PathPlace.Unknown;
        }

        // "/*", "~/.*": the folder's whole content.
        while (full.Length > 1 && (full.EndsWith("/*", StringComparison.Ordinal) || full.EndsWith("/.*", StringComparison.Ordinal)))
        {
            full = full[..full.LastIndexOf('/')];
            full = full.Length == 0 ? "/" : full;
        }

        full = full.Length > 1 ? full.TrimEnd('/') : full;
        if (full == "/" || full.Length == 0)
        {
            return PathPlace.Root;
        }

        if (Under(full, WorkingDirectory) && WorkingDirectory != HomeDirectory && WorkingDirectory != "/")
        {
            return PathPlace.Inside;
        }

        if (full == WorkingDirectory)
        {
            return PathPlace.Inside;
        }

        if (full == HomeDirectory)
        {
            return PathPlace.Home;
        }

        // The home folder first: a home inside /tmp (a throw-away one) is still the home.
        if (Under(full, HomeDirectory))
        {
            return PathPlace.InHome;
        }

        if (TemporaryFolders.Any(t => Under(full, t) && full != t))
        {
            return PathPlace.Temporary;
        }

        if (SystemFolders.Any(s => full == s || (Under(full, s) && s is not ("/home" or "/Users" or "/opt" or "/srv"))))
        {
            return PathPlace.System;
        }

        // Another user's home folder as a whole.
        return (full.StartsWith("/home/", StringComparison.Ordinal) || full.StartsWith("/Users/", StringComparison.Ordinal)) && full.Count(ch => ch == '/') == 2
            ? PathPlace.Home
            : PathPlace.Outside;
    }

    /// <summary>True for a shell start-up file, <c>~/.ssh</c> or <c>/etc</c>: overwriting them changes every later login.</summary>
    public bool IsProtected(string path)
    {
        if (Resolve(path) is not { } full)
        {
            return false;
        }

        if (Under(full, "/etc") || full == "/etc" || Under(full, HomeDirectory + "/.ssh") || full == HomeDirectory + "/.ssh")
        {
            return true;
        }

        var name = Path.GetFileName(full);
        return StartupFiles.Any(s => full == HomeDirectory + "/" + s || (!s.Contains('/') && name == s && Path.GetDirectoryName(full) is { } dir && dir.StartsWith("/home", StringComparison.Ordinal)));
    }

    /// <summary>True for private keys and credential files (<c>~/.ssh/id_*</c>, <c>~/.aws/credentials</c>, …).</summary>
    public bool IsCredential(string path)
    {
        var text = path.Replace('\\', '/');
        if (Resolve(text) is { } full && full.StartsWith(HomeDirectory + "/", StringComparison.Ordinal))
        {
            text = full[(HomeDirectory.Length + 1)..];
        }

        return CredentialFiles.Any(c => text.Contains(c, StringComparison.Ordinal)) || text is "/etc/shadow" or "/etc/sudoers";
    }

    /// <summary>True for a block device, where a write destroys a file system: <c>/dev/sda</c>, <c>/dev/nvme0n1</c>.</summary>
    public static bool IsDisk(string path) =>
        path.StartsWith("/dev/", StringComparison.Ordinal)
        && path[5..] is var device
        && (device.StartsWith("sd", StringComparison.Ordinal) || device.StartsWith("hd", StringComparison.Ordinal) || device.StartsWith("vd", StringComparison.Ordinal)
            || device.StartsWith("xvd", StringComparison.Ordinal) || device.StartsWith("nvme", StringComparison.Ordinal) || device.StartsWith("mmcblk", StringComparison.Ordinal)
            || device.StartsWith("disk", StringComparison.Ordinal) || device.StartsWith("mapper/", StringComparison.Ordinal) || device.StartsWith("md", StringComparison.Ordinal)
            || device.StartsWith("loop", StringComparison.Ordinal) || device is "mem" or "kmem" or "port");

    /// <summary>How a place reads in a reason: "your home folder", "/etc (a system folder)".</summary>
    public static string Describe(PathPlace place, string path) => place switch
    {
        PathPlace.Root => "the whole file system (/)",
        PathPlace.Home => path.Length > 1 && path[0] == '~' && path[1] is not ('/' or '\\') ? $"the home folder {path}" : $"your home folder ({path})",
        PathPlace.System => $"{path}, a system folder",
        PathPlace.InHome or PathPlace.Outside => $"{path}, outside the working folder",
        _ => path,
    };

    private static bool Under(string path, string folder) =>
        folder.Length > 0 && path.Length > folder.Length && path.StartsWith(folder, StringComparison.Ordinal) && (path[folder.Length] == '/' || folder == "/");
}
