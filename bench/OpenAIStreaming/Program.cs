// Times reading one long streamed OpenAI reply (28,000 characters in 4-character chunks: 7,000 SSE events)
// from the tests' fake server through the client ChatModelFactory builds (SDK + our decorators + our HTTP handlers,
// among them the [DONE] watcher) and through the bare SDK client, in alternating pairs on the same server.
// Usage: dotnet run -c Release --project bench/OpenAIStreaming [pairs]
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenInterpreter.Core.Models;
using OpenInterpreter.Core.Settings;
using OpenInterpreter.Testing;

var pairs = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 15;
var text = string.Concat(Enumerable.Range(0, 4000).Select(i => $"word{i % 100:00} "));
await using var server = FakeModelServer.Start()
    .WhenLastMessageContains("unnamed", FakeReply.Text(text).EndingWith(StreamEnding.WithoutReason))
    .Otherwise(FakeReply.Text(text));

var ours = ChatModelFactory.Create(new ModelSettings { Model = "gpt-4o", ApiBase = server.BaseUrl, ApiKey = "sk-bench" }).Client;
var bare = new OpenAIClient(new ApiKeyCredential("sk-bench"), new OpenAIClientOptions
{
    Endpoint = new Uri(server.BaseUrl),
    Transport = new HttpClientPipelineTransport(new HttpClient()),
    RetryPolicy = new ClientRetryPolicy(0),
}).GetChatClient("gpt-4o").AsIChatClient();

// Warm both paths (JIT, connections), and check what each reads.
Check("ours", await ReadAsync(ours, "hello"), expectEnd: true);
Check("bare", await ReadAsync(bare, "hello"), expectEnd: true);
Check("ours, [DONE] without finish_reason", await ReadAsync(ours, "unnamed"), expectEnd: true);
Check("bare, [DONE] without finish_reason", await ReadAsync(bare, "unnamed"), expectEnd: false);

var times = (Ours: new List<double>(), Bare: new List<double>());
for (var pair = 0; pair < pairs; pair++)
{
    // Alternate which goes first, so neither always meets a warmer machine.
    foreach (var oursFirst in pair % 2 == 0 ? new[] { true, false } : [false, true])
    {
        var clock = Stopwatch.StartNew();
        _ = await ReadAsync(oursFirst ? ours : bare, "hello");
        (oursFirst ? times.Ours : times.Bare).Add(clock.Elapsed.TotalMilliseconds);
    }
}

var (o, b) = (Median(times.Ours), Median(times.Bare));
Console.WriteLine($"{pairs} pairs, {text.Length} characters in {text.Length / 4} chunks each; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
Console.WriteLine($"bare SDK client: median {b:0.0} ms (min {times.Bare.Min():0.0})");
Console.WriteLine($"our client:      median {o:0.0} ms (min {times.Ours.Min():0.0}), {o / b:0.00}x bare");

void Check(string name, (int Characters, ChatFinishReason? End) read, bool expectEnd)
{
    if (read.Characters != text.Length || (read.End is not null) != expectEnd)
    {
        throw new InvalidOperationException($"{name}: read {read.Characters} of {text.Length} characters, end {read.End?.Value ?? "none"}");
    }

    Console.WriteLine($"{name}: {read.Characters} characters, end {read.End?.Value ?? "none"}");
}

static async Task<(int Characters, ChatFinishReason? End)> ReadAsync(IChatClient client, string prompt)
{
    var characters = 0;
    ChatFinishReason? end = null;
    await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, prompt)]))
    {
        characters += update.Text.Length;
        end ??= update.FinishReason;
    }

    return (characters, end);
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}
