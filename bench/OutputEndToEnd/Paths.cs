using System.Diagnostics;
using OpenInterpreter.Core;
using OpenInterpreter.Core.Messages;
using OpenInterpreter.Core.Settings;

/// <summary>The ways the same 200 MB run is made: bare, through the library, and through the program's views.</summary>
internal sealed class Paths(string[] interpreter, string home)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(300);

    /// <summary><c>python3</c> running the code as a script, its stdout a pipe this process drains and drops.</summary>
    public static Timing Bare()
    {
        var timing = Flood.NewTimingFile();
        var script = Path.Combine(Path.GetTempPath(), $"oi-flood-{Environment.ProcessId}.py");
        File.WriteAllText(script, Flood.Code(timing));
        var start = new ProcessStartInfo("python3", [script]) { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        Drain(process.StandardOutput.BaseStream);
        process.WaitForExit();
        File.Delete(script);
        var (_, seconds) = Flood.Read(timing);
        return new Timing(seconds, seconds);
    }

    /// <summary><see cref="Interpreter.ChatAsync"/> in this process, every chunk read and dropped.</summary>
    public static async Task<Timing> LibraryAsync()
    {
        var timing = Flood.NewTimingFile();
        await using var model = ScriptedModel.Start(Flood.Code(timing));
        var folder = Directory.CreateTempSubdirectory("oi-flood-lib-").FullName;
        var settings = new InterpreterSettings
        {
            AutoRun = true,
            Llm = new ModelSettings { Model = "gpt-4o", ApiBase = model.Server.BaseUrl, ApiKey = ScriptedModel.Key },
        };
        PeakMemory.ResetOwnPeak();
        await using var peak = PeakMemory.Follow(Environment.ProcessId);
        await using (var interpreter = Interpreter.Create(settings, paths: new InterpreterPaths(Path.Combine(folder, "config"), Path.Combine(folder, "cache"))))
        {
            long characters = 0;
            await foreach (var chunk in interpreter.ChatAsync(ScriptedModel.Message))
            {
                if (chunk is { Type: LmcType.Console, Format: LmcFormat.Output })
                {
                    characters += chunk.Content?.Length ?? 0;
                }
            }

            peak.Sample();
            if (characters < Flood.Characters)
            {
                throw new InvalidOperationException($"The library streamed {characters:N0} characters of output, not {Flood.Characters:N0}.");
            }
        }

        var result = await FinishAsync(model, timing, peak.PeakBytes);
        Directory.Delete(folder, recursive: true);
        return result;
    }

    /// <summary><c>interpreter --stdin -y --plain</c>, its stdout a file (deleted after) or a pipe this process drains.</summary>
    public async Task<Timing> PlainAsync(bool toFile)
    {
        var timing = Flood.NewTimingFile();
        await using var model = ScriptedModel.Start(Flood.Code(timing));
        var file = Path.Combine(Path.GetTempPath(), $"oi-flood-{Guid.NewGuid():N}.out");
        var start = Start([.. toFile ? ["sh", "-c", "exec \"$@\" > \"$0\"", file] : Array.Empty<string>(), .. Command(model, "--stdin", "--plain")]);
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = !toFile;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        await using var peak = PeakMemory.Follow(process.Id);
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(ScriptedModel.Message);
        process.StandardInput.Close();
        var shown = toFile ? 0 : await Task.Run(() => Drain(process.StandardOutput.BaseStream));
        await model.WaitForResultAsync(Timeout);
        peak.Sample();
        await process.WaitForExitAsync();
        if (toFile)
        {
            shown = new FileInfo(file).Length;
            File.Delete(file);
        }

        if (process.ExitCode != 0 || shown < Flood.Characters)
        {
            throw new InvalidOperationException($"--plain exited with {process.ExitCode} after showing {shown:N0} bytes: {await errors}");
        }

        return await FinishAsync(model, timing, peak.PeakBytes);
    }

    /// <summary>
    /// The rich view in a real terminal: <c>interpreter -y</c> in a detached 120×40 tmux pane, left with Ctrl-D once
    /// the answer is on the screen; the screen must then show the output's true tail and the full-output file.
    /// </summary>
    public async Task<Timing> RichInTmuxAsync()
    {
        var timing = Flood.NewTimingFile();
        await using var model = ScriptedModel.Start(Flood.Code(timing));
        var name = $"oi-flood-{Guid.NewGuid():N}";
        var command = string.Join(' ', new[] { "exec", "env", "TERM=xterm-256color" }.Concat(Command(model, ScriptedModel.Message)).Select(Quote));
        await RunAsync("tmux", "new-session", "-d", "-s", name, "-x", "120", "-y", "40", command);
        try
        {
            var pid = int.Parse((await RunAsync("tmux", "display-message", "-p", "-t", name, "#{pane_pid}")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            await using var peak = PeakMemory.Follow(pid);
            await model.WaitForResultAsync(Timeout);
            var screen = await WaitForScreenAsync(name, ScriptedModel.Answer);
            peak.Sample();
            if (!screen.Contains(new string('x', 100), StringComparison.Ordinal) || !screen.Contains("/outputs/", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The screen did not end with the output's tail and the full-output file:\n{screen}");
            }

            await RunAsync("tmux", "send-keys", "-t", name, "C-d");
            return await FinishAsync(model, timing, peak.PeakBytes);
        }
        finally
        {
            await WaitForExitAsync(name);
        }
    }

    /// <summary>
    /// The rich view in a pseudo-terminal that <c>script</c> holds and this process drains: the view's own cost,
    /// without a terminal emulator that parses what it writes.
    /// </summary>
    public async Task<Timing> RichInPtyAsync()
    {
        var timing = Flood.NewTimingFile();
        await using var model = ScriptedModel.Start(Flood.Code(timing));
        var command = "stty cols 120 rows 40; " + string.Join(' ', new[] { "exec", "env", "TERM=xterm-256color" }.Concat(Command(model, ScriptedModel.Message)).Select(Quote));
        var start = Start(["script", "-qfec", command, "/dev/null"]);
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        using var process = Process.Start(start)!;
        var drained = Task.Run(() => Drain(process.StandardOutput.BaseStream));
        var child = await ChildAsync(process.Id);
        await using var peak = PeakMemory.Follow(child);
        await model.WaitForResultAsync(Timeout);
        await Task.Delay(200); // the answer is written after the request; a Ctrl-D typed before it would be read at the run question
        peak.Sample();
        await process.StandardInput.WriteAsync("\u0004");
        await process.StandardInput.FlushAsync();
        await process.WaitForExitAsync();
        await drained;
        return await FinishAsync(model, timing, peak.PeakBytes);
    }

    private static async Task<Timing> FinishAsync(ScriptedModel model, string timing, long peakBytes)
    {
        var arrived = await model.WaitForResultAsync(Timeout);
        model.CheckResultAndDeleteFullOutput();
        var (started, seconds) = Flood.Read(timing);
        return new Timing(seconds, arrived - started, peakBytes);
    }

    private IEnumerable<string> Command(ScriptedModel model, params string[] arguments) =>
    [
        "env", $"HOME={home}", $"XDG_CONFIG_HOME={home}/.config", $"XDG_CACHE_HOME={home}/.cache", "OPENAI_API_KEY=",
        .. interpreter, "--api_base", model.Server.BaseUrl, "--api_key", ScriptedModel.Key, "--model", "gpt-4o", "-y", .. arguments,
    ];

    private static ProcessStartInfo Start(IEnumerable<string> command)
    {
        var list = command.ToList();
        var start = new ProcessStartInfo(list[0]) { UseShellExecute = false };
        foreach (var argument in list.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static long Drain(Stream stream)
    {
        var buffer = new byte[65536];
        long bytes = 0;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            bytes += read;
        }

        return bytes;
    }

    private static async Task<int> ChildAsync(int pid)
    {
        for (var attempt = 0; attempt < 500; attempt++)
        {
            var children = await File.ReadAllTextAsync($"/proc/{pid}/task/{pid}/children");
            if (children.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() is { } child)
            {
                return int.Parse(child, System.Globalization.CultureInfo.InvariantCulture);
            }

            await Task.Delay(10);
        }

        throw new InvalidOperationException("script started no program.");
    }

    private static async Task<string> WaitForScreenAsync(string name, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var screen = await RunAsync("tmux", "capture-pane", "-p", "-t", name);
            if (screen.Contains(text, StringComparison.Ordinal))
            {
                return screen;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"'{text}' did not appear on the screen:\n{screen}");
            }

            await Task.Delay(50);
        }
    }

    private static async Task WaitForExitAsync(string name)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var probe = Process.Start(new ProcessStartInfo("tmux", ["has-session", "-t", name]) { UseShellExecute = false, RedirectStandardError = true })!;
            await probe.WaitForExitAsync();
            if (probe.ExitCode != 0)
            {
                return;
            }

            await Task.Delay(50);
        }

        await RunAsync("tmux", "kill-session", "-t", name);
    }

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{program} {string.Join(' ', arguments)}: {errors}");
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
