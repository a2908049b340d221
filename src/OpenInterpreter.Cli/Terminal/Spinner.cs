using System.Diagnostics;
using System.Globalization;

namespace OpenInterpreter.Cli.Terminal;

/// <summary>A line that turns and counts seconds, so the screen is never silent while the program waits.</summary>
internal sealed class Spinner(string label)
{
    private static readonly string[] Frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Markup such as <c>⠋ waiting for gpt-4o… 3 s · Ctrl-C to stop</c>.</summary>
    public string Markup() => Line(label, _clock.Elapsed);

    public static string Line(string label, TimeSpan elapsed)
    {
        var frame = Frames[(int)(elapsed.TotalMilliseconds / 100) % Frames.Length];
        var seconds = ((int)elapsed.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return $"[yellow]{frame}[/] [grey]{Spectre.Console.Markup.Escape(label)}… {seconds} s · Ctrl-C to stop[/]";
    }
}
