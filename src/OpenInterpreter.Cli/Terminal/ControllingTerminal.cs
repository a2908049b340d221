namespace OpenInterpreter.Cli.Terminal;

/// <summary>The process's controlling terminal (<c>/dev/tty</c>), for asking the user when standard input is a pipe.</summary>
internal sealed class ControllingTerminal : IDisposable
{
    private readonly FileStream _stream;

    private ControllingTerminal(FileStream stream)
    {
        _stream = stream;
        Reader = new StreamReader(stream);
        Writer = new StreamWriter(stream) { AutoFlush = true };
    }

    public TextReader Reader { get; }

    public TextWriter Writer { get; }

    /// <summary>The terminal, or null when the process has none (a service, a CI job, a detached session).</summary>
    public static ControllingTerminal? TryOpen()
    {
        try
        {
            return new ControllingTerminal(new FileStream("/dev/tty", FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1, FileOptions.None));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Dispose() => _stream.Dispose();
}
