// Overhead of one trivial run in a warm language session against a bare pipe round trip to the same interpreter.
//
// The bare loop is the least a host can do: write one line of code to the interpreter's stdin, have it evaluate the
// line and print a newline, read that newline. The session adds what makes it dependable: the cell file, the control
// FIFO, the fences on stdout and stderr, the active-line reports and the event stream.
//
// Usage: dotnet run -c Release --project bench/SessionOverhead [runs]
using System.Diagnostics;
using System.Globalization;
using OpenInterpreter.Core.Languages;

var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
Console.WriteLine($"{runs} runs each, median and 90th percentile in milliseconds");
Console.WriteLine($"{"language",-12}{"bare p50",10}{"bare p90",10}{"session p50",13}{"session p90",13}{"ratio p50",11}");

await Measure("python", new PythonSession(), "x = 1", "python3",
    ["-u", "-c", "import sys\nfor line in sys.stdin:\n    exec(line)\n    sys.stdout.write('\\n')\n    sys.stdout.flush()"]);
await Measure("shell", new ShellSession(), "x=1", "bash",
    ["--noprofile", "--norc", "-c", "while IFS= read -r line; do eval \"$line\"; echo; done"]);
await Measure("javascript", new JavaScriptSession(), "x = 1", "node",
    ["-e", "const vm = require('vm'); require('readline').createInterface({ input: process.stdin })"
        + ".on('line', (line) => { vm.runInThisContext(line); process.stdout.write('\\n'); });"]);

async Task Measure(string name, DriverSession session, string code, string runtime, string[] bareArguments)
{
    await using (session)
    {
        var bare = BareRoundTrips(runtime, bareArguments, code, runs);
        // Warm: the first run starts the process; a few more settle the JIT and caches.
        for (var i = 0; i < 10; i++)
        {
            await RunOnce(session, code);
        }

        var timings = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await RunOnce(session, code);
            timings[i] = watch.Elapsed.TotalMilliseconds;
        }

        var sessionMedian = Percentile(timings, 0.5);
        var bareMedian = Percentile(bare, 0.5);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-12}{bareMedian,10:0.000}{Percentile(bare, 0.9),10:0.000}{sessionMedian,13:0.000}{Percentile(timings, 0.9),13:0.000}{sessionMedian / bareMedian,10:0.0}x"));
    }
}

static async Task RunOnce(ILanguageSession session, string code)
{
    await foreach (var execution in session.RunAsync(code, CancellationToken.None))
    {
        if (execution is RunCompleted { Status: not RunStatus.Succeeded } failed)
        {
            throw new InvalidOperationException($"The benchmark run failed: {failed.Error}");
        }
    }
}

static double[] BareRoundTrips(string runtime, string[] arguments, string code, int runs)
{
    var start = new ProcessStartInfo(runtime) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
    foreach (var argument in arguments)
    {
        start.ArgumentList.Add(argument);
    }

    using var process = Process.Start(start)!;
    var input = process.StandardInput;
    input.AutoFlush = true;
    var output = process.StandardOutput.BaseStream;
    var buffer = new byte[1];
    double RoundTrip()
    {
        var watch = Stopwatch.StartNew();
        input.WriteLine(code);
        while (output.Read(buffer) == 1 && buffer[0] != (byte)'\n')
        {
        }

        return watch.Elapsed.TotalMilliseconds;
    }

    for (var i = 0; i < 10; i++)
    {
        RoundTrip();
    }

    var timings = Enumerable.Range(0, runs).Select(_ => RoundTrip()).ToArray();
    input.Close();
    process.WaitForExit();
    return timings;
}

static double Percentile(double[] values, double fraction)
{
    var sorted = values.Order().ToArray();
    return sorted[Math.Min(sorted.Length - 1, (int)(fraction * sorted.Length))];
}
