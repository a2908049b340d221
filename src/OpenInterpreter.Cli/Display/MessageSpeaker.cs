using System.Diagnostics;

namespace OpenInterpreter.Cli.Display;

/// <summary>
/// Reads text aloud with the first of <c>say</c> (macOS), <c>espeak-ng</c> and <c>spd-say</c> found on the PATH. One
/// message is spoken at a time: the next waits for the one before, so they never talk over each other.
/// </summary>
internal sealed class MessageSpeaker : IDisposable
{
    public static readonly IReadOnlyList<string> Programs = ["say", "espeak-ng", "spd-say"];

    private readonly string _program;
    private Process? _speaking;

    private MessageSpeaker(string program) => _program = program;

    /// <summary>The speaker, or null with nothing to speak with.</summary>
    public static MessageSpeaker? Find() =>
        Programs.Select(FindOnPath).OfType<string>().FirstOrDefault() is { } program ? new MessageSpeaker(program) : null;

    public void Speak(string text)
    {
        _speaking?.WaitForExit();
        _speaking?.Dispose();
        var start = new ProcessStartInfo(_program) { UseShellExecute = false };
        if (Path.GetFileName(_program) == "spd-say")
        {
            // spd-say returns at once and the next message would cut this one off; -w waits until it is spoken.
            start.ArgumentList.Add("-w");
        }

        start.ArgumentList.Add("--");
        start.ArgumentList.Add(text);
        try
        {
            _speaking = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            _speaking = null;
        }
    }

    public void Dispose()
    {
        _speaking?.WaitForExit();
        _speaking?.Dispose();
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
