using System.Diagnostics;
using System.Globalization;
using OpenInterpreter.Core.Languages;

/// <summary>One timed run: wall seconds, and for a session the host's CPU seconds meanwhile, the characters of output
/// it streamed and the lines among them (when the consumer counted them).</summary>
internal readonly record struct Timing(double Seconds, double HostCpuSeconds = 0, long Output = 0, long Lines = 0);

/// <summary>Runs a workload in the bare interpreter: a script file whose code is timed from inside, stdout read from
/// a pipe as fast as it comes and thrown away.</summary>
internal static class BareRunner
{
    public static Timing Run(Workload workload)
    {
        var language = workload.Language;
        var script = Path.Combine(Path.GetTempPath(), $"oi-bench-{Environment.ProcessId}{language.Extension}");
        File.WriteAllText(script, language.Timed(workload.Code));
        var start = new ProcessStartInfo(language.Runtime) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in language.Arguments.Append(script))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.BaseStream;
        var buffer = new byte[65536];
        long bytes = 0;
        int read;
        while ((read = output.Read(buffer)) > 0)
        {
            bytes += read;
        }

        process.WaitForExit();
        var lines = errors.Result.Trim().Split('\n');
        if (process.ExitCode != 0 || !double.TryParse(lines[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            throw new InvalidOperationException($"{language.Name} bare run failed: {errors.Result}");
        }

        File.Delete(script);
        return new Timing(seconds, 0, bytes);
    }
}

/// <summary>Runs a workload in a warm session through the public session API, as the conversation loop does.</summary>
internal static class SessionRunner
{
    /// <summary>Runs <paramref name="code"/>, reading every character of its output: through each chunk's lent
    /// <see cref="OutputWritten.Chars"/> (counting its lines), or, with <paramref name="strings"/>, by making each chunk
    /// a string, as a consumer that keeps its chunks does.</summary>
    public static async Task<Timing> RunAsync(DriverSession session, string code, bool strings = false)
    {
        var cpu = Environment.CpuUsage.TotalTime;
        var watch = Stopwatch.StartNew();
        long characters = 0;
        long lines = 0;
        await foreach (var execution in session.RunAsync(code, CancellationToken.None))
        {
            switch (execution)
            {
                case OutputWritten written when strings:
                    characters += written.Text.Length;
                    break;
                case OutputWritten written:
                    characters += written.Length;
                    lines += written.Chars.Count('\n');
                    break;
                case RunCompleted { Status: not RunStatus.Succeeded } failed:
                    throw new InvalidOperationException($"The session run failed: {failed.Error}");
            }
        }

        var seconds = watch.Elapsed.TotalSeconds;
        return new Timing(seconds, (Environment.CpuUsage.TotalTime - cpu).TotalSeconds, characters, lines);
    }
}
