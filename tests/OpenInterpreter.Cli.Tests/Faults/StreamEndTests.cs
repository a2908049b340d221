using System.Text.Json;
using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Cli.Tests.Faults;

/// <summary>
/// A stream that ends properly but names no reason (OpenAI's <c>[DONE]</c> with no <c>finish_reason</c>, Anthropic's
/// <c>message_stop</c> with a null stop_reason, Ollama's done line without <c>done_reason</c>), as several
/// OpenAI-compatible local servers and proxies send it, is a finished reply; a stream that just closes stays cut.
/// </summary>
public sealed class StreamEndTests
{
    private const string Answer = "Hello! The stream ended without a finish reason, and that is fine.";

    public static TheoryData<string, string> AllProviders => Providers.All;

    [Theory]
    [MemberData(nameof(AllProviders))]
    public async Task A_reply_that_ends_properly_without_a_reason_is_a_finished_answer(string provider, string name)
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("hello", Unexplained(FakeReply.Text(Answer)))
            .Otherwise(Unexplained(FakeReply.Text("Back again.")));
        await using var interpreter = Providers.Start(provider, server);

        await interpreter.WriteLineAsync("hello");
        await interpreter.WaitForOutputAsync("that is fine.");
        await interpreter.WriteLineAsync("continue");
        await interpreter.WaitForOutputAsync("Back again.");
        interpreter.CloseInput();
        Assert.Equal(0, await interpreter.WaitForExitAsync());

        Assert.Equal("", interpreter.Stderr.Trim());
        Assert.Contains(Answer, Providers.Chats(server)[^1].Body);
        _ = name;
    }

    [Theory]
    [MemberData(nameof(AllProviders))]
    public async Task A_tool_call_that_ends_properly_without_a_reason_runs(string provider, string name)
    {
        await ToolCallRunsAsync(provider, StreamEnding.WithoutReason);
        _ = name;
    }

    [Fact]
    public Task An_anthropic_tool_block_never_closed_before_an_end_without_a_reason_runs_when_its_input_is_whole() =>
        ToolCallRunsAsync("anthropic", StreamEnding.WithoutReasonOrBlockStop);

    private static Task ToolCallRunsAsync(string provider, StreamEnding ending) =>
        ToolCallRunsAsync(provider, reply => reply.EndingWith(ending), Unexplained);

    /// <summary>A multiplication run as a tool call and answered, both replies streamed at a model's pace and ended as
    /// <paramref name="callEnd"/> and <paramref name="answerEnd"/> make them; checks the code ran and nothing failed.</summary>
    private static async Task ToolCallRunsAsync(string provider, Func<FakeReply, FakeReply> callEnd, Func<FakeReply, FakeReply> answerEnd)
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("multiply", callEnd(FakeReply.Execute("python", "print(2380*3875)", "Let me compute that.").Paced()))
            .When(r => r.ToolResults.Count > 0, answerEnd(FakeReply.Text("2380 × 3875 = 9222500.").Paced()));
        await using var interpreter = Providers.Start(provider, server, "-y");

        await interpreter.WriteLineAsync("multiply 2380 by 3875");
        await interpreter.WaitForOutputAsync("= 9222500.");
        interpreter.CloseInput();
        Assert.Equal(0, await interpreter.WaitForExitAsync());

        Assert.Equal("", interpreter.Stderr.Trim());
        var chats = Providers.Chats(server);
        Assert.Equal(2, chats.Count);
        Assert.Equal("9222500", chats[^1].ToolResults.Single().Trim());
    }

    [Theory]
    [InlineData("")]
    [InlineData("eos")]
    public Task An_openai_finish_reason_the_api_does_not_define_ends_the_reply_as_one_without_a_reason(string reason) =>
        // LocalAI sends "", other servers words of their own; the OpenAI SDK threw on either, failing every reply.
        ToolCallRunsAsync("openai", reply => reply.WithFinishReason(reason), reply => reply.WithFinishReason(reason));

    [Theory]
    [InlineData("openai", "OpenAI")]
    [InlineData("anthropic", "Anthropic")]
    public Task A_tool_call_left_unfinished_at_a_proper_end_without_a_reason_is_not_run_and_the_model_is_told(string provider, string name) =>
        UnfinishedCallIsNotRunAsync(provider, name, StreamEnding.WithoutReason);

    [Fact]
    public Task An_anthropic_tool_block_never_closed_before_an_end_without_a_reason_is_not_run_when_its_input_is_cut() =>
        UnfinishedCallIsNotRunAsync("anthropic", "Anthropic", StreamEnding.WithoutReasonOrBlockStop);

    private static async Task UnfinishedCallIsNotRunAsync(string provider, string name, StreamEnding ending)
    {
        // Only the closing quote and brace are missing: a call that would run if it were taken as finished and repaired.
        var marker = Path.Combine(Directory.CreateTempSubdirectory("oi-stream-end-").FullName, "ran.txt");
        var whole = JsonSerializer.Serialize(new Dictionary<string, string> { ["language"] = "python", ["code"] = $"open({JsonSerializer.Serialize(marker)}, 'w').write('ran')" });
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("talk", FakeReply.ToolCall("execute", whole[..^2]).Paced().EndingWith(ending), once: true)
            .Otherwise(FakeReply.Text("Back again."));
        var line = await TalkPastTheErrorAsync(provider, server, "not run", "-y");
        Assert.StartsWith($"The reply from {name} at ", line);
        Assert.Contains("ended in the middle of a tool call without saying why; the call is not run.", line);
        Assert.Contains("--max_tokens", line);
        Assert.False(File.Exists(marker));
        var chats = Providers.Chats(server);
        Assert.Equal(2, chats.Count);
        var result = Assert.Single(chats[^1].ToolResults);
        Assert.StartsWith("Not run: the reply ended while this call was being written", result);
    }

    [Theory]
    [InlineData("openai", "OpenAI")]
    [InlineData("ollama", "Ollama")]
    public async Task Without_tool_calling_a_code_block_left_open_at_an_end_without_a_reason_is_not_run(string provider, string name)
    {
        var marker = Path.Combine(Directory.CreateTempSubdirectory("oi-stream-end-").FullName, "ran.txt");
        var open = $"I will write the file.\n```python\nopen({JsonSerializer.Serialize(marker)}, 'w').write('ran')\n";
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("talk", Unexplained(FakeReply.Text(open)), once: true)
            .Otherwise(Unexplained(FakeReply.Text("Back again.")));
        var line = await TalkPastTheErrorAsync(provider, server, "not run", "-y", "--no-llm_supports_functions");
        Assert.StartsWith($"The reply from {name} at ", line);
        Assert.Contains("ended in the middle of a tool call without saying why; the call is not run; what arrived is kept.", line);
        Assert.False(File.Exists(marker));
        Assert.Contains("I will write the file.", Providers.Chats(server)[^1].Body);
    }

    [Theory]
    [MemberData(nameof(AllProviders))]
    public async Task A_stream_that_just_closes_without_a_reason_stays_cut_and_keeps_what_arrived(string provider, string name)
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("talk", FakeReply.Text(Answer).Paced().EndingWith(StreamEnding.Closed), once: true)
            .Otherwise(FakeReply.Text("Back again."));
        var line = await TalkPastTheErrorAsync(provider, server, "broke off");
        Assert.StartsWith($"The reply from {name} at ", line);
        Assert.Contains("broke off before the model finished; what arrived is kept.", line);
        Assert.Contains(Answer, Providers.Chats(server)[^1].Body);
    }

    [Theory]
    [MemberData(nameof(AllProviders))]
    public async Task A_whole_tool_call_in_a_stream_that_just_closes_is_not_run(string provider, string name)
    {
        var marker = Path.Combine(Directory.CreateTempSubdirectory("oi-stream-end-").FullName, "ran.txt");
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("talk", FakeReply.Execute("python", $"open({JsonSerializer.Serialize(marker)}, 'w').write('ran')").Paced().EndingWith(StreamEnding.Closed), once: true)
            .Otherwise(FakeReply.Text("Back again."));
        var line = await TalkPastTheErrorAsync(provider, server, "broke off", "-y");
        Assert.StartsWith($"The reply from {name} at ", line);
        Assert.False(File.Exists(marker));
        Assert.Equal(2, Providers.Chats(server).Count);
    }

    /// <summary>
    /// Says "talk", waits for the error line holding <paramref name="error"/>, goes on with "continue" to the next
    /// answer and ends the program, which must exit 0; returns that line, the only one on stderr.
    /// </summary>
    private static async Task<string> TalkPastTheErrorAsync(string provider, FakeModelServer server, string error, params string[] extra)
    {
        await using var interpreter = Providers.Start(provider, server, extra);
        await interpreter.WriteLineAsync("talk");
        await interpreter.WaitForErrorAsync(error, timeoutSeconds: 30);
        await interpreter.WriteLineAsync("continue");
        await interpreter.WaitForOutputAsync("Back again.");
        interpreter.CloseInput();
        Assert.Equal(0, await interpreter.WaitForExitAsync());
        return Assert.Single(interpreter.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary><paramref name="reply"/> at a model's pace, ending properly but without a reason.</summary>
    private static FakeReply Unexplained(FakeReply reply) => reply.Paced().EndingWith(StreamEnding.WithoutReason);
}
