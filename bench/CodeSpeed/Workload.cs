using OpenInterpreter.Core.Languages;

/// <summary>One piece of code to time bare and in a session; <paramref name="Kind"/> says what is measured.</summary>
internal sealed record Workload(Language Language, string Name, string Code, WorkloadKind Kind);

/// <summary>What a workload measures: a silent CPU-bound run, a flood of output, or a trivial run repeated.</summary>
internal enum WorkloadKind
{
    Loop,
    Output,
    Trivial,
}

/// <summary>How to run one language bare (a script file with a timer around the code) and in a session.</summary>
internal sealed record Language(
    string Name,
    string Runtime,
    string[] Arguments,
    string Extension,
    Func<string, string> Timed,
    Func<DriverSession> NewSession,
    string WarmUp);

/// <summary>The workloads of issue 10, each about 0.3 s bare on the development machine.</summary>
internal static class Workloads
{
    public static readonly Language Python = new("python", "python3", [], ".py",
        code => "import time as _bench_time\n_bench_start = _bench_time.perf_counter()\n" + code
            + "\nimport sys as _bench_sys\n_bench_sys.stdout.flush()\n_bench_sys.stderr.write('%.6f\\n' % (_bench_time.perf_counter() - _bench_start))\n",
        () => new PythonSession(), "x = 1");

    public static readonly Language Ruby = new("ruby", "ruby", [], ".rb",
        code => "_bench_start = Process.clock_gettime(Process::CLOCK_MONOTONIC)\n" + code
            + "\nSTDOUT.flush\nSTDERR.puts(format('%.6f', Process.clock_gettime(Process::CLOCK_MONOTONIC) - _bench_start))\n",
        () => new RubySession(), "x = 1");

    public static readonly Language R = new("r", "Rscript", ["--no-init-file", "--no-site-file", "--no-environ", "--no-restore", "--no-save"], ".R",
        code => ".bench_start <- proc.time()[[\"elapsed\"]]\n" + code
            + "\ncat(sprintf(\"%.6f\\n\", proc.time()[[\"elapsed\"]] - .bench_start), file = stderr())\n",
        () => new RSession(), "x <- 1");

    public static readonly Language JavaScript = new("javascript", "node", [], ".js",
        code => "const _benchStart = process.hrtime.bigint();\n" + code
            + "\nprocess.stdout.write('', () => process.stderr.write((Number(process.hrtime.bigint() - _benchStart) / 1e9).toFixed(6) + '\\n'));\n",
        () => new JavaScriptSession(), "x = 1");

    public static readonly Language Shell = new("shell", "bash", ["--noprofile", "--norc"], ".sh",
        code => "_bench_start=$EPOCHREALTIME\n" + code
            + "\n_bench_end=$EPOCHREALTIME\nprintf '%s\\n' \"$(( ${_bench_end/./} - ${_bench_start/./} ))e-6\" >&2\n",
        () => new ShellSession(), "x=1");

    /// <summary>Every workload; <paramref name="scale"/> multiplies the loop counts.</summary>
    public static IEnumerable<Workload> All(double scale)
    {
        string N(int count) => ((int)(count * scale)).ToString(System.Globalization.CultureInfo.InvariantCulture);

        yield return new(Python, "for loop, body on its own line", $"total = 0\nfor i in range({N(3_000_000)}):\n    total += i", WorkloadKind.Loop);
        yield return new(Python, "loop inside a function", $"def f():\n    total = 0\n    for i in range({N(3_000_000)}):\n        total += i\n    return total\nresult = f()", WorkloadKind.Loop);
        yield return new(Python, "loop calling math.sqrt", $"import math\ntotal = 0.0\nfor i in range({N(2_000_000)}):\n    total += math.sqrt(i)", WorkloadKind.Loop);
        yield return new(Ruby, "while loop", $"i = 0\ntotal = 0\nwhile i < {N(6_000_000)}\n  total += i\n  i += 1\nend", WorkloadKind.Loop);
        yield return new(Ruby, "loop inside a method", $"def f\n  total = 0\n  i = 0\n  while i < {N(8_000_000)}\n    total += i\n    i += 1\n  end\n  total\nend\nresult = f", WorkloadKind.Loop);
        yield return new(Ruby, "loop calling Math.sqrt", $"total = 0.0\n{N(3_000_000)}.times do |i|\n  total += Math.sqrt(i)\nend", WorkloadKind.Loop);
        yield return new(R, "for loop", $"total <- 0\nfor (i in 1:{N(5_000_000)}) {{\n  total <- total + i\n}}", WorkloadKind.Loop);
        yield return new(R, "loop inside a function", $"f <- function() {{\n  total <- 0\n  for (i in 1:{N(8_000_000)}) {{\n    total <- total + i\n  }}\n  total\n}}\nresult <- f()", WorkloadKind.Loop);
        yield return new(R, "loop calling sqrt", $"total <- 0\nfor (i in 1:{N(3_000_000)}) {{\n  total <- total + sqrt(i)\n}}", WorkloadKind.Loop);
        // var, not let: the same cell runs again in the same session, and a second top-level let would be an error.
        yield return new(JavaScript, "loop at top level", $"var total = 0;\nfor (var i = 0; i < {N(30_000_000)}; i++) {{\n  total += i;\n}}", WorkloadKind.Loop);
        yield return new(JavaScript, "loop inside a function", $"function f() {{\n  let total = 0;\n  for (let i = 0; i < {N(300_000_000)}; i++) {{\n    total += i;\n  }}\n  return total;\n}}\nvar result = f();", WorkloadKind.Loop);
        yield return new(JavaScript, "loop calling Math.sqrt", $"var root = 0;\nfor (var j = 0; j < {N(30_000_000)}; j++) {{\n  root += Math.sqrt(j);\n}}", WorkloadKind.Loop);
        yield return new(Shell, "while loop", $"i=0\nwhile (( i < {N(300_000)} )); do\n  (( i++ ))\ndone", WorkloadKind.Loop);

        yield return new(Python, "200 MB of output", $"import sys\nline = 'x' * 1023 + '\\n'\nfor _ in range({N(204_800)}):\n    sys.stdout.write(line)", WorkloadKind.Output);
        yield return new(Ruby, "200 MB of output", $"line = 'x' * 1023 + \"\\n\"\n{N(204_800)}.times {{ $stdout.write(line) }}", WorkloadKind.Output);
        yield return new(JavaScript, "200 MB of output", $"var line = 'x'.repeat(1023) + '\\n';\nvar block = line.repeat(64);\nfor (let i = 0; i < {N(3_200)}; i++) process.stdout.write(block);", WorkloadKind.Output);

        yield return new(Python, "trivial run", "x = 1", WorkloadKind.Trivial);
        yield return new(Shell, "trivial run", "x=1", WorkloadKind.Trivial);
        yield return new(JavaScript, "trivial run", "x = 1", WorkloadKind.Trivial);
        yield return new(Ruby, "trivial run", "x = 1", WorkloadKind.Trivial);
        yield return new(R, "trivial run", "x <- 1", WorkloadKind.Trivial);
    }
}
