using OpenInterpreter.Core.Messages;
using OpenInterpreter.Core.Settings;
using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Core.Tests.Tools;

/// <summary>What the <c>execute</c> tool streams about a run (through the library, real sessions, the fake model server).</summary>
public sealed class InterpreterToolTests
{
    [Fact]
    public async Task Output_chunks_say_which_stream_they_came_from_and_the_end_says_the_run_failed()
    {
        var (chunks, _) = await RunAsync("shell", "echo to-stdout; echo to-stderr >&2; (exit 2)");

        var output = chunks.Where(c => c is { Format: LmcFormat.Output, Content: not null }).ToList();
        Assert.Contains(output, c => c.Stream == LmcStream.Stdout && c.Content!.Contains("to-stdout", StringComparison.Ordinal));
        Assert.Contains(output, c => c.Stream == LmcStream.Stderr && c.Content!.Contains("to-stderr", StringComparison.Ordinal));
        Assert.DoesNotContain(output, c => c.Stream == LmcStream.Stdout && c.Content!.Contains("to-stderr", StringComparison.Ordinal));

        var end = Assert.Single(chunks, c => c is { Format: LmcFormat.Output, End: true });
        Assert.Equal(new RunSummary(RunSummary.Failed, "exit status 2"), end.Run);
    }

    [Fact]
    public async Task A_run_that_succeeds_ends_with_its_summary_and_no_file()
    {
        var (chunks, _) = await RunAsync("python", "print('fine')");
        var end = Assert.Single(chunks, c => c is { Format: LmcFormat.Output, End: true });
        Assert.Equal(new RunSummary(RunSummary.Succeeded), end.Run);
    }

    [Fact]
    public async Task A_long_output_ends_with_the_path_of_the_file_holding_all_of_it()
    {
        var (chunks, _) = await RunAsync("python", "for i in range(2000): print(f'line {i}')", maxOutput: 200);
        var end = Assert.Single(chunks, c => c is { Format: LmcFormat.Output, End: true });
        var path = end.Run?.FullOutputPath;
        Assert.NotNull(path);
        Assert.EndsWith("line 1999\n", File.ReadAllText(path));
    }

    [Fact]
    public async Task A_progress_line_reaches_the_model_in_its_final_state()
    {
        var (_, server) = await RunAsync("python", "for i in range(100): print(f\"\\r{i}%\", end=\"\")");
        Assert.Equal("99%", server.Requests[^1].ToolResults.Single());
    }

    private static async Task<(List<LmcChunk> Chunks, FakeModelServer Server)> RunAsync(string language, string code, int maxOutput = 2800)
    {
        var server = FakeModelServer.Start()
            .When(r => r.ToolResults.Count > 0, FakeReply.Text("Done."))
            .Otherwise(FakeReply.Execute(language, code));
        var home = Directory.CreateTempSubdirectory("oi-tool-").FullName;
        var settings = new InterpreterSettings
        {
            AutoRun = true,
            MaxOutput = maxOutput,
            Llm = new ModelSettings { Model = "gpt-4o", ApiBase = server.BaseUrl, ApiKey = "sk-test-0123456789abcdefghij" },
        };
        await using var interpreter = Interpreter.Create(settings, approve: (_, _) => ValueTask.FromResult(true), paths: new InterpreterPaths(Path.Combine(home, "config"), Path.Combine(home, "cache")));
        var chunks = new List<LmcChunk>();
        await foreach (var chunk in interpreter.ChatAsync("run it"))
        {
            chunks.Add(chunk);
        }

        await server.DisposeAsync();
        return (chunks, server);
    }
}
