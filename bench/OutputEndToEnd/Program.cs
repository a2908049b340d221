// 200 MB of output through the whole program against the bare interpreter (issue 10, item 3, end to end).
//
// The workload is Python writing 200 MB in 1 KiB lines (sys.stdout.write), timed from inside the code. It runs bare
// (python3, stdout a pipe this process drains, as bench/CodeSpeed's bare), through the library (Interpreter.ChatAsync,
// chunks read and dropped), through `interpreter --stdin -y --plain` with stdout to a file and to a pipe, and through
// the rich view in a real terminal (tmux) and in a pseudo-terminal that `script` holds and this process drains. The
// model is the tests' fake server over HTTP on 127.0.0.1: its first reply asks to run the code, the second answers.
// Every run checks that the model got the head and tail with the note counting all 209,715,200 characters, that the
// full-output file holds every byte, and (tmux) that the screen ends with the output's tail and names that file.
// Each path alternates with bare runs in pairs; the ratio is the median of the pairs' ratios of the code's time.
//
// Usage: dotnet run -c Release --project bench/OutputEndToEnd [pairs] [--interpreter "command"] [path...]
//   paths: library plain-file plain-pipe rich-tmux rich-pty (default: all); the command defaults to .build/aot/interpreter.
using System.Globalization;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var arguments = args.ToList();
var interpreter = new[] { Path.Combine(RepositoryRoot(), ".build", "aot", "interpreter") };
if (arguments.IndexOf("--interpreter") is var option and >= 0)
{
    interpreter = arguments[option + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    arguments.RemoveRange(option, 2);
}

var pairs = arguments.Count > 0 && int.TryParse(arguments[0], CultureInfo.InvariantCulture, out var count) ? count : 5;
var chosen = arguments.Where(a => !int.TryParse(a, CultureInfo.InvariantCulture, out _)).ToHashSet(StringComparer.OrdinalIgnoreCase);
var home = Directory.CreateTempSubdirectory("oi-flood-home-").FullName;
var paths = new Paths(interpreter, home);
var all = new (string Name, string Shown, Func<Task<Timing>> Run)[]
{
    ("library", "library (`Interpreter.ChatAsync`)", Paths.LibraryAsync),
    ("plain-file", "`--stdin -y --plain`, stdout to a file", () => paths.PlainAsync(toFile: true)),
    ("plain-pipe", "`--stdin -y --plain`, stdout to a drained pipe", () => paths.PlainAsync(toFile: false)),
    ("rich-tmux", "rich view in tmux (120×40)", paths.RichInTmuxAsync),
    ("rich-pty", "rich view in a drained pty (`script`)", paths.RichInPtyAsync),
};

Console.WriteLine($"200 MB of Python output (1 KiB lines), {pairs} alternating pairs per path, medians; {Environment.ProcessorCount} cores; {string.Join(' ', interpreter)}");
Console.WriteLine();
Console.WriteLine("| path | code's time | bare, same pairs | ratio to bare | code start → model has the output | peak RSS | load before → after |");
Console.WriteLine("|---|---|---|---|---|---|---|");
foreach (var (name, shown, run) in all.Where(p => chosen.Count == 0 || chosen.Contains(p.Name)))
{
    var load = Load();
    // One untimed pair: the file cache, the JIT of the library path, the home's first-run files.
    Paths.Bare();
    await run();
    var bare = new List<Timing>();
    var through = new List<Timing>();
    for (var i = 0; i < pairs; i++)
    {
        bare.Add(Paths.Bare());
        through.Add(await run());
    }

    var ratio = Median(bare.Zip(through, (b, t) => t.CodeSeconds / b.CodeSeconds));
    Console.WriteLine($"| {shown} | {Median(through.Select(t => t.CodeSeconds)):0.00} s | {Median(bare.Select(t => t.CodeSeconds)):0.00} s | {ratio:0.00}× "
        + $"| {Median(through.Select(t => t.ToModelSeconds)):0.00} s | {through.Max(t => t.PeakBytes) / 1048576.0:0} MiB | {load} → {Load()} |");
}

Directory.Delete(home, recursive: true);

static double Median(IEnumerable<double> values)
{
    var sorted = values.OrderBy(v => v).ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

static string RepositoryRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "OpenInterpreter.slnx")))
        {
            return directory.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}
