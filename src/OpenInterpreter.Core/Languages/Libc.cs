using System.Runtime.InteropServices;

namespace OpenInterpreter.Core.Languages;

/// <summary>The few POSIX calls the language sessions need that .NET does not offer: FIFOs, pipe sizes, process-group signals, private directories.</summary>
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

    /// <summary>mkdtemp: creates a directory (mode 0700) named by <paramref name="template"/>, a NUL-terminated path
    /// ending in XXXXXX that it fills in place; returns 0 on failure.</summary>
    [LibraryImport("libc", EntryPoint = "mkdtemp", SetLastError = true)]
    public static partial nint MakeTemporaryDirectory(byte[] template);

    /// <summary>fcntl's F_GETPIPE_SZ (Linux): the capacity of a pipe.</summary>
    public const int GetPipeSize = 1032;

    /// <summary>poll's POLLOUT: the descriptor can be written without blocking.</summary>
    public const short PollOut = 4;

    /// <summary>One descriptor for <see cref="Poll"/>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PollDescriptor
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(ref PollDescriptor descriptor, nuint count, int timeoutMilliseconds);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    /// <summary>usleep: a pause shorter than <see cref="Thread.Sleep(int)"/>'s millisecond.</summary>
    [LibraryImport("libc", EntryPoint = "usleep")]
    public static partial int MicroSleep(uint microseconds);

    [LibraryImport("libc", EntryPoint = "getpgrp")]
    public static partial int GetProcessGroup();
}
