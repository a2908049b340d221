using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Cli.Tests.Faults;

/// <summary>A reply the provider ended at the output-token limit: one line saying so and how to raise it, what arrived kept.</summary>
public sealed class ReplyLimitTests
{
    private const string Partial = "Here is the first part of a long answer";

    public static TheoryData<string, string> AllProviders => Providers.All;

    [Theory]
    [MemberData(nameof(AllProviders))]
    public async Task A_reply_cut_at_max_tokens_says_so_names_the_limit_and_keeps_what_arrived(string provider, string name)
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("talk", FakeReply.Faulty(StreamFault.Length, Partial), once: true)
            .Otherwise(FakeReply.Text("Back again."));
        await using var interpreter = Providers.Start(provider, server, "--max_tokens", "50");

        await TalkThenGoOnAsync(interpreter);

        var line = Assert.Single(interpreter.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"{name} ended the reply at the max_tokens limit (50 tokens); what arrived is kept.", line);
        Assert.Contains("--max_tokens", line);
        Assert.Contains("llm.max_tokens", line);
        Assert.Contains(Partial, interpreter.Stdout);
        Assert.Contains(Partial, Providers.Chats(server)[^1].Body);
    }

    [Theory]
    [InlineData("openai", "OpenAI", "max_tokens limit;")]
    [InlineData("anthropic", "Anthropic", "max_tokens limit (4096 tokens);")]
    public async Task A_tool_call_cut_at_max_tokens_is_not_run_and_the_model_is_told_why(string provider, string name, string limit)
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("talk", FakeReply.Faulty(StreamFault.LengthInToolCall, "Let me run it."), once: true)
            .Otherwise(FakeReply.Text("Back again."));
        await using var interpreter = Providers.Start(provider, server, "-y");

        await TalkThenGoOnAsync(interpreter);

        var line = Assert.Single(interpreter.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"{name} ended the reply at the {limit} what arrived is kept. The tool call it was writing was cut off and is not run.", line);

        // Nothing ran: the only requests are the two the user asked for, and the cut call's result says why it was not made.
        var chats = Providers.Chats(server);
        Assert.Equal(2, chats.Count);
        var result = Assert.Single(chats[^1].ToolResults);
        Assert.Contains("max_tokens", result);
        Assert.DoesNotContain("not valid JSON", result);
    }

    /// <summary>Asks for the reply that is cut, waits for its line, and shows the program goes on to a next turn.</summary>
    private static async Task TalkThenGoOnAsync(InterpreterProcess interpreter)
    {
        await interpreter.WriteLineAsync("talk");
        await interpreter.WaitForErrorAsync("max_tokens", timeoutSeconds: 30);
        await interpreter.WriteLineAsync("continue");
        await interpreter.WaitForOutputAsync("Back again.");
        interpreter.CloseInput();
        Assert.Equal(0, await interpreter.WaitForExitAsync());
    }
}
