using System.Runtime.InteropServices;

namespace OpenInterpreter.Core.Safety;

/// <summary>
/// Linux Landlock (kernel 5.13 and later): restricts the calling thread, and the program it then executes, to writing
/// only under the given folders, and (ABI 4, kernel 6.7) to no TCP connections when the network is not allowed. Reads
/// stay allowed everywhere. Used by the launcher mode where bubblewrap cannot run.
/// </summary>
public static unsafe partial class Landlock
{
    private const long SysCreateRuleset = 444;
    private const long SysAddRule = 445;
    private const long SysRestrictSelf = 446;
    private const int CreateRulesetVersion = 1;
    private const int RulePathBeneath = 1;
    private const int PrSetNoNewPrivs = 38;

    private const ulong WriteFile = 1 << 1;
    private const ulong RemoveDir = 1 << 4;
    private const ulong RemoveFile = 1 << 5;
    private const ulong MakeChar = 1 << 6;
    private const ulong MakeDir = 1 << 7;
    private const ulong MakeReg = 1 << 8;
    private const ulong MakeSock = 1 << 9;
    private const ulong MakeFifo = 1 << 10;
    private const ulong MakeBlock = 1 << 11;
    private const ulong MakeSym = 1 << 12;
    private const ulong Refer = 1 << 13;
    private const ulong Truncate = 1 << 14;
    private const ulong NetBindTcp = 1 << 0;
    private const ulong NetConnectTcp = 1 << 1;

    /// <summary>Landlock's ABI version here; 0 when the kernel has none or it is disabled.</summary>
    public static int Version
    {
        get
        {
            if (!OperatingSystem.IsLinux())
            {
                return 0;
            }

            var version = Syscall(SysCreateRuleset, 0, 0, CreateRulesetVersion);
            return version > 0 ? (int)version : 0;
        }
    }

    /// <summary>
    /// Restricts this thread: writes only under <paramref name="writable"/> (folders or single files), and no TCP
    /// unless <paramref name="network"/>. Returns null on success, else why it could not.
    /// </summary>
    public static string? Restrict(IEnumerable<string> writable, bool network)
    {
        var abi = Version;
        if (abi < 1)
        {
            return "Landlock is not available in this kernel.";
        }

        var handledFs = WriteFile | RemoveDir | RemoveFile | MakeChar | MakeDir | MakeReg | MakeSock | MakeFifo | MakeBlock | MakeSym
            | (abi >= 2 ? Refer : 0) | (abi >= 3 ? Truncate : 0);
        var handledNet = abi >= 4 && !network ? NetBindTcp | NetConnectTcp : 0;
        var attributes = stackalloc ulong[3] { handledFs, handledNet, 0 };
        var size = abi >= 4 ? 16 : 8;
        var ruleset = (int)Syscall(SysCreateRuleset, (long)attributes, size, 0);
        if (ruleset < 0)
        {
            return $"Landlock refused the rule set (errno {Marshal.GetLastPInvokeError()}).";
        }

        var rule = stackalloc byte[12];
        try
        {
            foreach (var path in writable.Distinct())
            {
                var fd = Open(path, 0x200000 /* O_PATH */ | 0x80000 /* O_CLOEXEC */);
                if (fd < 0)
                {
                    continue;
                }

                try
                {
                    // A file takes only the rights that apply to files.
                    var allowed = Directory.Exists(path) ? handledFs : handledFs & (WriteFile | Truncate);
                    *(ulong*)rule = allowed;
                    *(int*)(rule + 8) = fd;
                    if (Syscall(SysAddRule, ruleset, RulePathBeneath, (long)rule, 0) < 0)
                    {
                        return $"Landlock refused the rule for {path} (errno {Marshal.GetLastPInvokeError()}).";
                    }
                }
                finally
                {
                    Close(fd);
                }
            }

            if (Prctl(PrSetNoNewPrivs, 1, 0, 0, 0) != 0)
            {
                return $"Could not set no_new_privs (errno {Marshal.GetLastPInvokeError()}).";
            }

            return Syscall(SysRestrictSelf, ruleset, 0) < 0 ? $"Landlock could not restrict the process (errno {Marshal.GetLastPInvokeError()})." : null;
        }
        finally
        {
            Close(ruleset);
        }
    }

    /// <summary>Replaces this process with <paramref name="arguments"/>[0] (looked up on the PATH); returns only on failure, with errno.</summary>
    public static int Execute(IReadOnlyList<string> arguments)
    {
        var pointers = new IntPtr[arguments.Count + 1];
        for (var i = 0; i < arguments.Count; i++)
        {
            pointers[i] = Marshal.StringToCoTaskMemUTF8(arguments[i]);
        }

        fixed (IntPtr* argv = pointers)
        {
            ExecVp(pointers[0], argv);
        }

        return Marshal.GetLastPInvokeError();
    }

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, long a, long b, long c);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, long a, long b, long c, long d);

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, long a, long b);

    [LibraryImport("libc", EntryPoint = "prctl", SetLastError = true)]
    private static partial int Prctl(int option, ulong a, ulong b, ulong c, ulong d);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "execvp", SetLastError = true)]
    private static partial int ExecVp(IntPtr file, IntPtr* argv);
}
