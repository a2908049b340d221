using System.Runtime.InteropServices;

namespace OpenInterpreter.Cli.Terminal;

/// <summary>
/// Switches the terminal on standard input between its own settings and "raw" input: no echo and no line buffering,
/// so keys reach the program one by one, also while nothing reads them, and are not printed over the live view.
/// Signals stay on: Ctrl-C is still SIGINT, Ctrl-Z still suspends. Linux and macOS layouts of <c>termios</c>.
/// </summary>
internal static partial class RawMode
{
    private static byte[]? _original;

    /// <summary>Turns raw input on, remembering the terminal's own settings the first time; false when stdin is no terminal.</summary>
    public static bool Enter()
    {
        var layout = Layout.Current;
        if (layout is null)
        {
            return false;
        }

        var settings = new byte[256];
        if (GetAttributes(0, settings) != 0)
        {
            return false;
        }

        _original ??= (byte[])settings.Clone();
        var lflag = Read(settings, layout.LocalFlags, layout.FlagSize);
        Write(settings, layout.LocalFlags, layout.FlagSize, lflag & ~(layout.Echo | layout.Canonical | layout.Extended));
        settings[layout.ControlChars + layout.MinIndex] = 1;
        settings[layout.ControlChars + layout.TimeIndex] = 0;
        return SetAttributes(0, 0, settings) == 0;
    }

    /// <summary>Gives the terminal its own settings back (before an editor runs, and at exit).</summary>
    public static void Leave()
    {
        if (_original is { } original)
        {
            _ = SetAttributes(0, 0, original);
        }
    }

    private static long Read(byte[] buffer, int offset, int size) =>
        size == 8 ? BitConverter.ToInt64(buffer, offset) : BitConverter.ToUInt32(buffer, offset);

    private static void Write(byte[] buffer, int offset, int size, long value)
    {
        if (size == 8)
        {
            BitConverter.TryWriteBytes(buffer.AsSpan(offset, 8), value);
        }
        else
        {
            BitConverter.TryWriteBytes(buffer.AsSpan(offset, 4), (uint)value);
        }
    }

    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    private static partial int GetAttributes(int fd, byte[] termios);

    [LibraryImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    private static partial int SetAttributes(int fd, int when, byte[] termios);

    /// <summary>Where <c>termios</c> keeps the local flags and control characters, and the flags' values.</summary>
    private sealed record Layout(int FlagSize, int LocalFlags, int ControlChars, int MinIndex, int TimeIndex, long Echo, long Canonical, long Extended)
    {
        public static Layout? Current { get; } =
            OperatingSystem.IsLinux() ? new Layout(4, 12, 17, 6, 5, 0x8, 0x2, 0x8000)
            : OperatingSystem.IsMacOS() ? new Layout(8, 24, 32, 16, 17, 0x8, 0x100, 0x400)
            : null;
    }
}
