// Times trimming a 10,000-message conversation to gpt-4o's context, as the conversation loop does before each request:
// ChatHistory.Build (LMC → chat messages) and ContextTrimmer.Trim. Usage: dotnet run -c Release [-- runs]
using System.Diagnostics;
using OpenInterpreter.Core.Conversation;
using OpenInterpreter.Core.Messages;
using OpenInterpreter.Core.Models;
using OpenInterpreter.Core.Settings;

var runs = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 20;
var messages = new List<LmcMessage>();
for (var i = 0; messages.Count < 10_000; i++)
{
    messages.Add(LmcMessage.UserText($"Question {i}: list the files in folder number {i} and tell me which is largest."));
    messages.Add(LmcMessage.AssistantCode("shell", $"ls -la /data/folder{i} | sort -k5 -n | tail -1"));
    messages.Add(LmcMessage.ConsoleOutput($"-rw-r--r-- 1 user user {i * 1024} Jan  1 12:00 file{i}.bin"));
    messages.Add(LmcMessage.AssistantText($"The largest file in folder {i} is file{i}.bin, {i} KiB."));
}

var settings = new ModelSettings { Model = "gpt-4o" };
var budget = ContextTrimmer.Budget(settings)!.Value;
var clock = Stopwatch.StartNew();
var counter = TokenCounter.For(settings.Model);
counter.Count("warm up");
Console.WriteLine($"tokenizer load (once per session): {clock.Elapsed.TotalMilliseconds:0.0} ms");

var times = new List<double>();
List<Microsoft.Extensions.AI.ChatMessage> trimmed = [];
for (var run = 0; run < runs; run++)
{
    clock.Restart();
    var history = ChatHistory.Build("You are Open Interpreter.", messages);
    trimmed = ContextTrimmer.Trim(history, budget, counter);
    times.Add(clock.Elapsed.TotalMilliseconds);
}

times.Sort();
Console.WriteLine($"{messages.Count} messages → {trimmed.Count} chat messages kept ({counter.Count(trimmed)} of {budget} tokens)");
Console.WriteLine($"build + trim: median {times[times.Count / 2]:0.00} ms, min {times[0]:0.00} ms, max {times[^1]:0.00} ms over {runs} runs");
