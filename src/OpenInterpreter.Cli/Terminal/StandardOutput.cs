using System.Text;

namespace OpenInterpreter.Cli.Terminal;

/// <summary>
/// Standard output with a 64 KiB buffer in place of the console's own writer, which encodes through a 256-character
/// buffer and so makes a write(2) of each 256 bytes: a 32 KiB chunk of a run's output was 128 system calls (and as
/// many wake-ups of a pipe's reader or the terminal). It still flushes after every write, as the console's does.
/// </summary>
internal static class StandardOutput
{
    public const int BufferChars = 64 * 1024;

    /// <summary>Makes <see cref="Console.Out"/> the large-buffered writer; call before anything writes or asks for it.</summary>
    public static void UseLargeBuffer()
    {
        var encoding = Console.OutputEncoding.CodePage == Encoding.UTF8.CodePage ? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) : Console.OutputEncoding;
        var writer = new StreamWriter(Console.OpenStandardOutput(), encoding, BufferChars, leaveOpen: true) { AutoFlush = true };
        Console.SetOut(writer);
    }
}
