using System.Diagnostics;
using System.IO.Compression;
using OpenInterpreter.Core.Messages;
using OpenInterpreter.Core.Settings;
using OpenInterpreter.Core.Tools;
using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Core.Tests;

/// <summary>The library's front door, <see cref="Interpreter"/>, in process and through the sample under samples/.</summary>
public sealed class InterpreterTests
{
    private static FakeModelServer SixTimesSeven() => FakeModelServer.Start()
        .When(r => r.ToolResults.Count > 0, FakeReply.Text("It is 42."))
        .Otherwise(FakeReply.Execute("python", "print(6 * 7)"));

    private static InterpreterSettings Settings(FakeModelServer server, bool autoRun = false) => new()
    {
        AutoRun = autoRun,
        Llm = new ModelSettings { Model = "gpt-4o", ApiBase = server.BaseUrl, ApiKey = "sk-test-0123456789abcdefghij" },
    };

    private static InterpreterPaths TempPaths()
    {
        var home = Directory.CreateTempSubdirectory("oi-lib-").FullName;
        return new InterpreterPaths(Path.Combine(home, "config"), Path.Combine(home, "cache"));
    }

    [Fact]
    public async Task A_reply_stopped_in_the_middle_ends_in_a_cancellation_and_the_next_turn_works()
    {
        var reply = string.Concat(Enumerable.Repeat("A long answer, one token at a time. ", 40));
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("again", FakeReply.Text("Short."))
            .Otherwise(FakeReply.Text(reply).Paced(Pacing.Model with { FirstToken = TimeSpan.FromMilliseconds(50) }));
        await using var interpreter = Interpreter.Create(Settings(server), paths: TempPaths());

        for (var attempt = 0; attempt < 5; attempt++)
        {
            // Stopped while a chunk is on its way: the read in flight was disposed under it, which threw
            // NotSupportedException ("Unexpected error" at the terminal) instead of the cancellation.
            using var stop = new CancellationTokenSource();
            var chunks = 0;
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            {
                await foreach (var chunk in interpreter.ChatAsync("talk", stop.Token))
                {
                    if (++chunks == 3 + attempt)
                    {
                        stop.CancelAfter(TimeSpan.FromMilliseconds(5));
                    }
                }
            });
        }

        var text = string.Concat((await Collect(interpreter.ChatAsync("again"))).Select(c => c.Content));
        Assert.Contains("Short.", text);
    }


    [Fact]
    public async Task The_sandbox_named_in_the_settings_confines_the_sessions_without_one_being_passed()
    {
        var outside = Directory.CreateTempSubdirectory("oi-lib-outside-").FullName;
        var target = Path.Combine(outside, "written.txt");
        await using var server = FakeModelServer.Start()
            .When(r => r.ToolResults.Count > 0, FakeReply.Text("Done."))
            .Otherwise(FakeReply.Execute("shell", $"echo hi > {target}; echo exit=$?"));

        await using (var confined = Interpreter.Create(Settings(server, autoRun: true) with { Sandbox = "read-only" }, paths: TempPaths()))
        {
            await Collect(confined.ChatAsync("write it"));
            Assert.False(File.Exists(target), "a read-only sandbox let the session write outside its own folders");
            Assert.DoesNotContain("exit=0", server.Requests[^1].ToolResults.Single());
        }

        // The same run without the setting writes the file: what stopped it was the sandbox.
        await using var free = Interpreter.Create(Settings(server, autoRun: true), paths: TempPaths());
        await Collect(free.ChatAsync("write it"));
        Assert.True(File.Exists(target));
    }
    private static async Task<List<OpenInterpreter.Core.Messages.LmcChunk>> Collect(IAsyncEnumerable<OpenInterpreter.Core.Messages.LmcChunk> chunks)
    {
        var all = new List<OpenInterpreter.Core.Messages.LmcChunk>();
        await foreach (var chunk in chunks)
        {
            all.Add(chunk);
        }

        return all;
    }

    [Fact]
    public async Task ChatAsync_streams_the_run_asks_the_callback_and_keeps_the_messages()
    {
        await using var server = SixTimesSeven();
        var asked = new List<CodeRequest>();
        await using var interpreter = Interpreter.Create(Settings(server), approve: (code, _) =>
        {
            asked.Add(code);
            return ValueTask.FromResult(true);
        }, paths: TempPaths());

        var chunks = new List<LmcChunk>();
        await foreach (var chunk in interpreter.ChatAsync("what is six times seven"))
        {
            chunks.Add(chunk);
        }

        Assert.Equal("print(6 * 7)", Assert.Single(asked).Code);
        Assert.Contains("42", string.Concat(chunks.Where(c => c is { Type: LmcType.Console, Format: LmcFormat.Output }).Select(c => c.Content)));
        Assert.Equal(["user", "assistant", "computer", "assistant"], interpreter.Messages.Select(m => m.Role));
        Assert.True(interpreter.Usage.Input > 0);

        await interpreter.ResetAsync();
        Assert.Empty(interpreter.Messages);
    }

    [Fact]
    public async Task Code_the_callback_declines_is_not_run()
    {
        await using var server = SixTimesSeven();
        await using var interpreter = Interpreter.Create(Settings(server), approve: (_, _) => ValueTask.FromResult(false), paths: TempPaths());

        await foreach (var _ in interpreter.ChatAsync("what is six times seven"))
        {
        }

        Assert.Equal("The user declined to run this code.", server.Requests[^1].ToolResults.Single());
    }

    [Fact]
    public async Task The_sample_runs_against_the_model_server()
    {
        await using var server = SixTimesSeven();
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "OpenInterpreter.slnx")))
        {
            root = root.Parent!;
        }

        var sample = Path.Combine(root.FullName, "samples", "HelloInterpreter", "bin", "Release", "net10.0", "HelloInterpreter.dll");
        var home = Directory.CreateTempSubdirectory("oi-sample-").FullName;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(sample);
        start.ArgumentList.Add(server.BaseUrl);
        start.ArgumentList.Add("what is six times seven");
        start.Environment["HOME"] = home;
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(home, ".config");
        start.Environment["XDG_CACHE_HOME"] = Path.Combine(home, ".cache");
        start.Environment["OPENAI_API_KEY"] = "sk-test-0123456789abcdefghij";
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteLineAsync("y");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, await errors);
        var text = await output;
        Assert.Contains("Run this python code? (y/n)", text);
        Assert.Contains("```output\n42", text);
        Assert.Contains("It is 42.", text);
    }

    [Fact]
    public void The_library_packs_with_its_xml_docs()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "OpenInterpreter.slnx")))
        {
            root = root.Parent!;
        }

        var output = Directory.CreateTempSubdirectory("oi-pack-").FullName;
        var start = new ProcessStartInfo("dotnet", ["pack", Path.Combine(root.FullName, "src", "OpenInterpreter.Core"), "-c", "Release", "--no-build", "-o", output, "-nologo", "-v", "quiet"]) { RedirectStandardOutput = true };
        using (var process = Process.Start(start)!)
        {
            process.WaitForExit(TimeSpan.FromMinutes(5));
            Assert.True(process.ExitCode == 0, process.StandardOutput.ReadToEnd());
        }

        using var package = ZipFile.OpenRead(Assert.Single(Directory.GetFiles(output, "OpenInterpreter.Core.*.nupkg")));
        var names = package.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("lib/net10.0/OpenInterpreter.Core.dll", names);
        Assert.Contains("lib/net10.0/OpenInterpreter.Core.xml", names);
    }
}
