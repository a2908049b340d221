using System.Runtime.InteropServices;

namespace OpenInterpreter.Core.Languages;

/// <summary>The few POSIX calls the language sessions need that .NET does not offer: FIFOs and process-group signals.</summary>
internal static partial class Libc
{
    /// <summary>SIGINT: what Ctrl-C sends; the drivers turn it into an interrupt of the running cell.</summary>
    public const int SigInt = 2;

    /// <summary>SIGKILL: cannot be caught; ends code that ignores the interrupt.</summary>
    public const int SigKill = 9;

    /// <summary>fcntl's F_SETPIPE_SZ (Linux): sets the capacity of a pipe.</summary>
    public const int SetPipeSize = 1031;

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    public static partial int Fcntl(nint fd, int command, int argument);

    /// <summary>ioctl's FIONREAD: how many bytes a pipe holds unread.</summary>
    public static readonly nuint BytesToRead = OperatingSystem.IsMacOS() ? 0x4004667fu : 0x541Bu;

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(nint fd, nuint request, out int value);

    [LibraryImport("libc", EntryPoint = "mkfifo", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int MakeFifo(string path, uint mode);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "getpgrp")]
    public static partial int GetProcessGroup();
}
