using System.Diagnostics;
using OpenInterpreter.Core.Languages;

namespace OpenInterpreter.Core.Safety;

/// <summary>
/// Runs the language sessions confined (SPEC section 7, Codex's modes): <c>read-only</c> (nothing written but the
/// session's own folders) or <c>workspace-write</c> (also the working folder and <c>/tmp</c>; <c>.git</c> stays
/// read-only), no network unless allowed. With bubblewrap where it works; else with Landlock, applied by this
/// program's own binary re-run as a launcher (<see cref="LauncherFlag"/>) before it executes the driver.
/// </summary>
public sealed class Sandbox
{
    /// <summary>The first argument of the launcher mode: <c>interpreter --landlock-exec [--rw PATH]… [--net] -- PROGRAM ARGS…</c>.</summary>
    public const string LauncherFlag = "--landlock-exec";

    private readonly string _bubblewrap = "";
    private readonly IReadOnlyList<string> _launcher = [];

    private Sandbox(string mode, bool network, string workingDirectory, SandboxBackend backend, string? bubblewrap, IReadOnlyList<string>? launcher)
    {
        Mode = mode;
        Network = network;
        WorkingDirectory = workingDirectory;
        Backend = backend;
        _bubblewrap = bubblewrap ?? "";
        _launcher = launcher ?? [];
    }

    /// <summary><c>read-only</c> or <c>workspace-write</c>.</summary>
    public string Mode { get; }

    /// <summary>Whether sessions may use the network.</summary>
    public bool Network { get; }

    /// <summary>The folder <c>workspace-write</c> lets code write in.</summary>
    public string WorkingDirectory { get; }

    /// <summary>What enforces it.</summary>
    public SandboxBackend Backend { get; }

    /// <summary>One line: what confines the sessions and what is then not enforced.</summary>
    public string Description => Backend switch
    {
        SandboxBackend.Bubblewrap => $"Sandbox {Mode} (bubblewrap): the file system is read-only{(Mode == "workspace-write" ? " but the working folder (not its .git) and /tmp" : "")}; {(Network ? "network allowed" : "no network")}.",
        _ => $"Sandbox {Mode} (Landlock; bubblewrap is not usable here): writes are confined{(Mode == "workspace-write" ? " to the working folder and /tmp" : "")}, but .git in the working folder stays writable{(Network ? "" : Landlock.Version >= 4 ? ", and only TCP is cut off (UDP and local sockets are not)" : ", and the network is not restricted (kernel older than 6.7)")}.",
    };

    /// <summary>
    /// The sandbox for <paramref name="mode"/> (null for <c>off</c>): bubblewrap unless <paramref name="backend"/> says
    /// <c>landlock</c> or bubblewrap cannot create its namespaces here; Landlock through <paramref name="launcher"/>
    /// (the command that runs this program) otherwise. Throws when neither works.
    /// </summary>
    public static Sandbox? Create(string mode, bool network, string workingDirectory, IReadOnlyList<string> launcher, string? backend = null)
    {
        if (mode == "off")
        {
            return null;
        }

        if (!OperatingSystem.IsLinux())
        {
            throw new InterpreterException($"--sandbox {mode} needs Linux (bubblewrap or Landlock); this system has neither.", "Use --sandbox off, or run on Linux.");
        }

        var full = Path.GetFullPath(workingDirectory);
        if (backend != "landlock" && ExecutableLocator.Find("bwrap") is { } bwrap && BubblewrapWorks(bwrap))
        {
            return new Sandbox(mode, network, full, SandboxBackend.Bubblewrap, bwrap, null);
        }

        if (Landlock.Version >= 1 && launcher.Count > 0)
        {
            return new Sandbox(mode, network, full, SandboxBackend.Landlock, null, launcher);
        }

        throw new InterpreterException(
            $"--sandbox {mode} cannot be enforced here: bubblewrap is missing or cannot create namespaces, and the kernel has no Landlock.",
            "Install bubblewrap (sudo apt install bubblewrap), or use --sandbox off.");
    }

    /// <summary>Rewrites <paramref name="start"/> so the program it starts runs confined; <paramref name="ownFolders"/> stay writable.</summary>
    public void Confine(ProcessStartInfo start, IEnumerable<string> ownFolders)
    {
        var own = ownFolders.Where(Directory.Exists).ToList();
        var writable = Mode == "workspace-write" ? [.. own, WorkingDirectory, "/tmp", Path.GetTempPath().TrimEnd('/')] : own;

        // ~/.cache and ~/.local are read-only in here, and some programs will not start without creating folders in
        // them (PowerShell dies on EROFS): they get folders of the session's own, which go with the session.
        if (own.Count > 0)
        {
            foreach (var (variable, name) in (ReadOnlySpan<(string, string)>)[("XDG_CACHE_HOME", "cache"), ("XDG_DATA_HOME", "data"), ("XDG_STATE_HOME", "state")])
            {
                start.Environment[variable] = Directory.CreateDirectory(Path.Combine(own[0], name)).FullName;
            }
        }

        // setsid stays first, so the confined program still leads its own process group.
        var setsid = Path.GetFileName(start.FileName) == "setsid";
        var command = setsid ? start.ArgumentList.ToList() : [start.FileName, .. start.ArgumentList];
        var prefix = Backend == SandboxBackend.Bubblewrap ? BubblewrapArguments(own) : LandlockArguments(writable);
        start.ArgumentList.Clear();
        foreach (var argument in (setsid ? prefix : prefix.Skip(1)).Concat(command))
        {
            start.ArgumentList.Add(argument);
        }

        if (!setsid)
        {
            start.FileName = prefix[0];
        }
    }

    private List<string> BubblewrapArguments(List<string> ownFolders)
    {
        var arguments = new List<string> { _bubblewrap, "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--die-with-parent" };
        void Bind(string option, string folder) => arguments.AddRange([option, folder, folder]);
        var workspace = Mode == "workspace-write";
        string[] temporary = workspace ? ["/tmp", Path.GetTempPath().TrimEnd('/')] : [];
        foreach (var folder in temporary.Where(Directory.Exists).Distinct())
        {
            Bind("--bind", folder);
        }

        // Later mounts cover earlier ones: a home inside /tmp stays read-only, the working folder and the session's
        // own folders (some inside the home) are writable again, and .git is read-only last.
        if (Environment.GetEnvironmentVariable("HOME") is { Length: > 1 } home && Directory.Exists(home) && temporary.Any(t => home.StartsWith(t + "/", StringComparison.Ordinal)))
        {
            Bind("--ro-bind", home);
        }

        if (workspace)
        {
            Bind("--bind", WorkingDirectory);
        }

        foreach (var folder in ownFolders.Distinct())
        {
            Bind("--bind", folder);
        }

        var git = Path.Combine(WorkingDirectory, ".git");
        if (workspace && Directory.Exists(git))
        {
            Bind("--ro-bind", git);
        }

        if (!Network)
        {
            arguments.Add("--unshare-net");
        }

        arguments.Add("--");
        return arguments;
    }

    private List<string> LandlockArguments(List<string> writable)
    {
        var arguments = new List<string>(_launcher) { LauncherFlag };
        foreach (var folder in writable.Concat(["/dev/null", "/dev/zero", "/dev/full", "/dev/tty", "/dev/pts", "/dev/shm"]).Distinct())
        {
            arguments.AddRange(["--rw", folder]);
        }

        if (Network)
        {
            arguments.Add("--net");
        }

        arguments.Add("--");
        return arguments;
    }

    /// <summary>The launcher mode: applies Landlock as <paramref name="arguments"/> say, then executes the program; returns an exit code only on failure.</summary>
    public static int RunLauncher(IReadOnlyList<string> arguments, TextWriter errors)
    {
        var writable = new List<string>();
        var network = false;
        var i = 0;
        for (; i < arguments.Count && arguments[i] != "--"; i++)
        {
            if (arguments[i] == "--rw" && i + 1 < arguments.Count)
            {
                writable.Add(arguments[++i]);
            }
            else if (arguments[i] == "--net")
            {
                network = true;
            }
        }

        var program = arguments.Skip(i + 1).ToList();
        if (program.Count == 0)
        {
            errors.WriteLine($"interpreter {LauncherFlag}: no program to run after --.");
            return 2;
        }

        if (Landlock.Restrict(writable, network) is { } failure)
        {
            errors.WriteLine($"interpreter {LauncherFlag}: {failure}");
            return 126;
        }

        var errno = Landlock.Execute(program);
        errors.WriteLine($"interpreter {LauncherFlag}: could not run {program[0]} (errno {errno}).");
        return 127;
    }

    private static bool BubblewrapWorks(string bwrap)
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo(bwrap, ["--ro-bind", "/", "/", "--dev", "/dev", "--unshare-net", "--", "true"])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            });
            if (probe is null)
            {
                return false;
            }

            if (!probe.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                probe.Kill();
                return false;
            }

            return probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
