using System.Globalization;

/// <summary>
/// The workload: 200 MB of Python output, <c>sys.stdout.write</c> of 1 KiB lines. The code times itself and writes
/// the wall-clock time it started and the seconds its writes took to a file, so every path is timed the same way,
/// from inside the code, whatever runs it.
/// </summary>
internal static class Flood
{
    public const int Lines = 204_800;

    /// <summary>Characters the code writes: what the model's note and the full-output file must count.</summary>
    public const long Characters = Lines * 1024L;

    public static string Code(string timingFile) =>
        "import sys, time\n" +
        "started = time.time()\n" +
        "clock = time.perf_counter()\n" +
        "line = 'x' * 1023 + '\\n'\n" +
        $"for _ in range({Lines}):\n" +
        "    sys.stdout.write(line)\n" +
        "sys.stdout.flush()\n" +
        "elapsed = time.perf_counter() - clock\n" +
        // A statement, not an expression: a session shows the value of a last expression, which would add to the output.
        $"with open({Quote(timingFile)}, 'w') as timing:\n" +
        "    timing.write('%r %r' % (started, elapsed))\n";

    /// <summary>What the code wrote to <paramref name="timingFile"/>: when it started (Unix seconds) and how long its writes took.</summary>
    public static (double Started, double Seconds) Read(string timingFile)
    {
        var parts = File.ReadAllText(timingFile).Split(' ');
        File.Delete(timingFile);
        return (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    public static string NewTimingFile() => Path.Combine(Path.GetTempPath(), $"oi-flood-{Guid.NewGuid():N}.timing");

    private static string Quote(string text) => "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
