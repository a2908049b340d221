using System.Diagnostics;

namespace OpenInterpreter.Cli.Tests.EndToEnd;

/// <summary>
/// An X server of our own (Xvfb) on a free display number, with programs started on it; everything is killed on
/// dispose. Needs Debian's xvfb, xdotool, imagemagick and xterm, which <c>.ci/run</c> installs.
/// </summary>
internal sealed class VirtualDisplay : IAsyncDisposable
{
    private readonly List<Process> _processes = [];
    private bool _started;

    private VirtualDisplay(string name) => Name = name;

    /// <summary>The DISPLAY value, <c>:N</c>.</summary>
    public string Name { get; }

    public static async Task<VirtualDisplay> StartAsync(int width, int height)
    {
        foreach (var program in new[] { "Xvfb", "xdotool", "import", "xterm" })
        {
            if (!File.Exists($"/usr/bin/{program}"))
            {
                throw new InvalidOperationException($"{program} is missing: install xvfb, xdotool, imagemagick and xterm (.ci/run does).");
            }
        }

        for (var number = 90 + Environment.ProcessId % 300; ; number++)
        {
            if (File.Exists($"/tmp/.X{number}-lock") || File.Exists($"/tmp/.X11-unix/X{number}"))
            {
                continue;
            }

            var display = new VirtualDisplay($":{number}");
            var server = display.Start("Xvfb", [display.Name, "-screen", "0", $"{width}x{height}x24", "-nolisten", "tcp"], null);
            for (var wait = 0; wait < 100 && !server.HasExited; wait++)
            {
                if (File.Exists($"/tmp/.X11-unix/X{number}"))
                {
                    display._started = true;
                    return display;
                }

                await Task.Delay(50);
            }

            await display.DisposeAsync();
        }
    }

    /// <summary>Starts an xterm at the top left running bash in <paramref name="workingDirectory"/>, and waits for its window.</summary>
    public async Task StartTerminalAsync(string workingDirectory)
    {
        Start("xterm", ["-geometry", "80x24+0+0", "-e", "bash", "--norc", "--noprofile"], workingDirectory);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var search = Start("xdotool", ["search", "--onlyvisible", "--class", "xterm"], null, redirect: true);
            var found = (await search.StandardOutput.ReadToEndAsync()).Trim();
            await search.WaitForExitAsync();
            if (found.Length > 0)
            {
                await Task.Delay(500); // the shell inside draws its prompt
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The xterm window did not appear.");
            }

            await Task.Delay(100);
        }
    }

    private Process Start(string program, IEnumerable<string> arguments, string? workingDirectory, bool redirect = false)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = redirect, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        start.Environment["DISPLAY"] = Name;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        _ = process.StandardError.ReadToEndAsync();
        lock (_processes)
        {
            _processes.Add(process);
        }

        return process;
    }

    public async ValueTask DisposeAsync()
    {
        // Programs on the display first, the X server last.
        foreach (var process in Enumerable.Reverse(_processes))
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        // A killed X server leaves its lock and socket behind; a later run would skip that number for nothing.
        if (!_started)
        {
            return;
        }

        File.Delete($"/tmp/.X{Name[1..]}-lock");
        File.Delete($"/tmp/.X11-unix/X{Name[1..]}");
    }
}
