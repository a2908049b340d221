using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace OpenInterpreter.Cli.Terminal;

/// <summary>
/// Renders Spectre.Console renderables to lines of ANSI text at a given width, off screen, so the live region can
/// count, crop and redraw exactly the lines it wrote.
/// </summary>
internal sealed class AnsiLines
{
    private readonly StringWriter _buffer = new(new StringBuilder(4096));
    private readonly IAnsiConsole _console;

    public AnsiLines(ColorSystem colors)
    {
        _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = colors == ColorSystem.NoColors ? AnsiSupport.No : AnsiSupport.Yes,
            ColorSystem = colors switch
            {
                ColorSystem.NoColors => ColorSystemSupport.NoColors,
                ColorSystem.Legacy => ColorSystemSupport.Legacy,
                ColorSystem.Standard => ColorSystemSupport.Standard,
                ColorSystem.EightBit => ColorSystemSupport.EightBit,
                _ => ColorSystemSupport.TrueColor,
            },
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(_buffer),
        });
        _console.Profile.Capabilities.Unicode = true;
    }

    /// <summary>The lines <paramref name="renderable"/> takes at <paramref name="width"/> columns, without line ends.</summary>
    public List<string> Render(IRenderable renderable, int width)
    {
        _console.Profile.Width = Math.Max(width, 10);
        _console.Profile.Height = 10_000;
        var text = _buffer.GetStringBuilder().Clear();
        _console.Write(renderable);
        var lines = text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }
}
