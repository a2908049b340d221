// Streams a long Markdown reply (20,000 token-sized chunks of 1–4 characters: prose, lists, tables, code blocks)
// through the rich view the way a turn does: each chunk is fed in, and a frame is drawn after every fifth chunk, as
// the view's 50 ms timer does for a model streaming 100 tokens a second (a fast one). The clock cannot pace the
// frames: feeding alone is so fast that 20,000 chunks take less than one 50 ms interval, and no frame would be drawn.
// Output goes to a discarding writer, so the figures are the view's own cost.
// Usage: dotnet run -c Release --project bench/RichViewStreaming [tokens] [runs]
using System.Diagnostics;
using System.Globalization;
using System.Text;
using OpenInterpreter.Cli.Terminal;
using OpenInterpreter.Core.Messages;
using Spectre.Console;

var tokens = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
var chunks = Chunks(Reply(), tokens);
const int chunksPerFrame = 5;

Console.WriteLine($"{chunks.Count:N0} chunks, {chunks.Sum(c => c.Length):N0} characters, {runs} runs (after one warm-up)");
var results = new List<(double PerSecond, double MsPerChunk, double FeedMicroseconds, int Frames, double FrameP50, double FrameMax, double FramesTotal)>();
for (var run = 0; run <= runs; run++)
{
    var console = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.Yes,
        ColorSystem = ColorSystemSupport.TrueColor,
        Interactive = InteractionSupport.No,
        Out = new AnsiConsoleOutput(TextWriter.Null),
    });
    console.Profile.Width = 120;
    console.Profile.Height = 40;
    var view = new RichConversationView(console, TextWriter.Null);
    var frames = new List<double>();
    var clock = Stopwatch.StartNew();
    var feeding = TimeSpan.Zero;
    var fedSinceFrame = 0;
    view.Feed(new LmcChunk(LmcRole.Assistant, LmcType.Message, Start: true));
    foreach (var chunk in chunks)
    {
        var fed = clock.Elapsed;
        view.Feed(new LmcChunk(LmcRole.Assistant, LmcType.Message, Content: chunk));
        feeding += clock.Elapsed - fed;
        if (++fedSinceFrame == chunksPerFrame)
        {
            fedSinceFrame = 0;
            var start = clock.Elapsed;
            view.DrawFrame();
            frames.Add((clock.Elapsed - start).TotalMilliseconds);
        }
    }

    view.Feed(new LmcChunk(LmcRole.Assistant, LmcType.Message, End: true));
    var total = clock.Elapsed;
    if (run == 0)
    {
        continue; // warm-up: JIT and the first Markdown parse
    }

    frames.Sort();
    results.Add((chunks.Count / total.TotalSeconds, total.TotalMilliseconds / chunks.Count, feeding.TotalMilliseconds * 1000 / chunks.Count, frames.Count, frames.Count == 0 ? 0 : frames[frames.Count / 2], frames.Count == 0 ? 0 : frames[^1], frames.Sum()));
}

// "all in": every chunk fed, every frame drawn and the whole reply written for good, over the chunks;
// "feed": what taking one chunk in costs the stream (the frames are drawn on the timer's own thread in the view).
foreach (var (perSecond, msPerChunk, feed, count, p50, max, framesTotal) in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{perSecond,10:N0} tokens/s all in   {msPerChunk * 1000,7:N1} µs per chunk all in   feed {feed,5:N2} µs per chunk   {count,3} frames, p50 {p50:N2} ms, max {max:N1} ms, {framesTotal:N0} ms in all"));
}

var median = results.OrderBy(r => r.PerSecond).ElementAt(results.Count / 2);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median: {median.PerSecond:N0} tokens/s, {median.MsPerChunk:N4} ms per chunk all in, feed {median.FeedMicroseconds:N2} µs per chunk (target ≥ 20,000 tokens/s, ≤ 0.1 ms per chunk)"));

static string Reply()
{
    var text = new StringBuilder();
    for (var section = 1; text.Length < 200_000; section++)
    {
        text.Append($"## Step {section}\n\nFirst I look at the **files** in the folder, then I count `lines` and report them; this paragraph is long enough to wrap on a normal terminal window.\n\n");
        text.Append("- one item\n- another item with `code`\n  - a nested item\n\n");
        text.Append("| name | size |\n|:-----|-----:|\n| a.txt | 12 |\n| b.txt | 345 |\n\n");
        text.Append("```python\nimport os\nfor name in os.listdir('.'):\n    print(name, os.path.getsize(name))\n```\n\n");
        text.Append("> A note quoted from the manual.\n\n");
    }

    return text.ToString();
}

static List<string> Chunks(string text, int count)
{
    var random = new Random(9);
    var chunks = new List<string>(count);
    for (var i = 0; chunks.Count < count && i < text.Length;)
    {
        var length = Math.Min(random.Next(1, 5), text.Length - i);
        chunks.Add(text.Substring(i, length));
        i += length;
    }

    return chunks;
}
