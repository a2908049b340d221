using OpenInterpreter.Core;
using OpenInterpreter.Core.Models;
using OpenInterpreter.Core.Settings;
using Spectre.Console;

namespace OpenInterpreter.Cli.Terminal;

/// <summary>The lines shown when an interactive session starts: model and endpoint, whether code needs a yes, and the keys.</summary>
internal static class Banner
{
    public static void Show(IAnsiConsole console, InterpreterSettings settings, bool autoRun)
    {
        string endpoint;
        try
        {
            endpoint = ModelRoute.Resolve(settings.Llm).EndpointText;
        }
        catch (InterpreterException)
        {
            endpoint = settings.Llm.ApiBase ?? "its provider";
        }

        var version = typeof(Banner).Assembly.GetName().Version?.ToString(3);
        console.MarkupLine($"[bold]Open Interpreter[/] [grey]{version} · {Markup.Escape(settings.Llm.Model)} at {Markup.Escape(endpoint)}[/]");
        console.MarkupLine(autoRun
            ? "[yellow]⚠ -y: code runs without asking.[/] [grey]%auto_run false to be asked again.[/]"
            : "[grey]Code runs only after you answer y to[/] Would you like to run this code?");
        console.MarkupLine("[grey]%help lists the commands · Ctrl-C stops a reply or a run · Ctrl-D exits · \"\"\" for several lines[/]");
        console.WriteLine();
    }
}
