// How fast code runs in a language session against the same code in the bare interpreter (issue 10).
//
// For each installed language: CPU-bound loops (timed inside the bare script; the whole run through the session API),
// the host's CPU while they run, 200 MB of output, and the per-run overhead of a trivial run in a warm session.
// Bare and session runs alternate in pairs and the tables show medians, so a machine shared with other work is fair
// to both sides; the ratio is the median of the pairs' ratios.
//
// Usage: dotnet run -c Release --project bench/CodeSpeed [pairs] [scale] [language or loop|output|trivial...]
using System.Globalization;
using OpenInterpreter.Core.Languages;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var pairs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
var scale = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 1.0;
var only = args.Skip(2).ToHashSet(StringComparer.OrdinalIgnoreCase);
var languages = only.Where(name => !Enum.TryParse<WorkloadKind>(name, ignoreCase: true, out _)).ToHashSet(StringComparer.OrdinalIgnoreCase);
var kinds = only.Select(name => Enum.TryParse<WorkloadKind>(name, ignoreCase: true, out var kind) ? kind : (WorkloadKind?)null).OfType<WorkloadKind>().ToHashSet();
var workloads = Workloads.All(scale)
    .Where(w => (languages.Count == 0 || languages.Contains(w.Language.Name)) && (kinds.Count == 0 || kinds.Contains(w.Kind)) && OnPath(w.Language.Runtime))
    .ToList();
var sessions = new Dictionary<string, DriverSession>();

Console.WriteLine($"{pairs} alternating pairs per row, medians; {Environment.ProcessorCount} cores");
Console.WriteLine();
Console.WriteLine("| language | code | bare | session | session / bare | host CPU (% of a core) |");
Console.WriteLine("|---|---|---|---|---|---|");
foreach (var workload in workloads.Where(w => w.Kind == WorkloadKind.Loop))
{
    var (bare, session, ratio) = await PairsAsync(workload);
    var cpu = Median(session.Select(t => t.HostCpuSeconds / t.Seconds * 100));
    Console.WriteLine($"| {workload.Language.Name} | {workload.Name} | {Median(bare.Select(t => t.Seconds)):0.000} s | {Median(session.Select(t => t.Seconds)):0.000} s | {ratio:0.00}× | {cpu:0.0} % |");
}

Console.WriteLine();
Console.WriteLine("| language | output | bare (to a pipe) | session, chunks read as lent chars | session / bare | host CPU (% of a core) | session, each chunk made a string | session / bare |");
Console.WriteLine("|---|---|---|---|---|---|---|---|");
foreach (var workload in workloads.Where(w => w.Kind == WorkloadKind.Output))
{
    var (bare, session, ratio) = await PairsAsync(workload);
    var (_, strings, stringsRatio) = await PairsAsync(workload, strings: true);
    var megabytes = bare[0].Output / 1e6;
    // At least: a session also shows the value of the cell's last expression (node's `true` from write).
    if (session.Any(t => t.Output < bare[0].Output || t.Lines < bare[0].Output / 1024) || strings.Any(t => t.Output < bare[0].Output))
    {
        throw new InvalidOperationException($"{workload.Language.Name}: the session's output fell short of the {bare[0].Output} bytes of 1 KiB lines the bare run wrote.");
    }

    var cpu = Median(session.Select(t => t.HostCpuSeconds / t.Seconds * 100));
    Console.WriteLine($"| {workload.Language.Name} | {megabytes:0} MB | {Median(bare.Select(t => t.Seconds)):0.000} s | {Median(session.Select(t => t.Seconds)):0.000} s | {ratio:0.00}× | {cpu:0} % | {Median(strings.Select(t => t.Seconds)):0.000} s | {stringsRatio:0.00}× |");
}

Console.WriteLine();
Console.WriteLine("| language | trivial run in a warm session: p50 | p90 |");
Console.WriteLine("|---|---|---|");
foreach (var workload in workloads.Where(w => w.Kind == WorkloadKind.Trivial))
{
    var session = await SessionAsync(workload.Language);
    for (var i = 0; i < 20; i++)
    {
        await SessionRunner.RunAsync(session, workload.Code);
    }

    var timings = new List<double>();
    for (var i = 0; i < 200; i++)
    {
        timings.Add((await SessionRunner.RunAsync(session, workload.Code)).Seconds * 1000);
    }

    timings.Sort();
    Console.WriteLine($"| {workload.Language.Name} | {timings[timings.Count / 2]:0.00} ms | {timings[timings.Count * 9 / 10]:0.00} ms |");
}

foreach (var session in sessions.Values)
{
    await session.DisposeAsync();
}

async Task<(List<Timing> Bare, List<Timing> Session, double Ratio)> PairsAsync(Workload workload, bool strings = false)
{
    var session = await SessionAsync(workload.Language);
    var bare = new List<Timing>();
    var inSession = new List<Timing>();
    // One untimed pair warms the file cache and the session.
    BareRunner.Run(workload);
    await SessionRunner.RunAsync(session, workload.Code);
    for (var i = 0; i < pairs; i++)
    {
        bare.Add(BareRunner.Run(workload));
        inSession.Add(await SessionRunner.RunAsync(session, workload.Code, strings));
    }

    return (bare, inSession, Median(bare.Zip(inSession, (b, s) => s.Seconds / b.Seconds)));
}

async Task<DriverSession> SessionAsync(Language language)
{
    if (!sessions.TryGetValue(language.Name, out var session))
    {
        session = sessions[language.Name] = language.NewSession();
        await SessionRunner.RunAsync(session, language.WarmUp);
    }

    return session;
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.OrderBy(v => v).ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

static bool OnPath(string command) =>
    (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(directory => File.Exists(Path.Combine(directory, command)));
