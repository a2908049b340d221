using Microsoft.Extensions.AI;
using OpenInterpreter.Core.Conversation;
using OpenInterpreter.Core.Messages;
using OpenInterpreter.Core.Models;
using Xunit;

namespace OpenInterpreter.Core.Tests.Conversation;

public sealed class ContextTrimmerTests
{
    private static readonly TokenCounter Counter = TokenCounter.For("gpt-4o");

    private static List<ChatMessage> Conversation(int exchanges)
    {
        var messages = new List<LmcMessage>();
        for (var i = 0; i < exchanges; i++)
        {
            messages.Add(LmcMessage.UserText($"question {i}: what is {i} squared?"));
            messages.Add(LmcMessage.AssistantCode("python", $"print({i} ** 2)"));
            messages.Add(LmcMessage.ConsoleOutput($"{i * i}"));
            messages.Add(LmcMessage.AssistantText($"It is {i * i}."));
        }

        return ChatHistory.Build("You are a helpful assistant.", messages);
    }

    [Fact]
    public void A_conversation_far_from_the_budget_is_sent_whole_without_building_the_tokenizer()
    {
        var counter = TokenCounter.For("gpt-4o");
        var chat = Conversation(20);

        var trimmed = ContextTrimmer.Trim(chat, 100_000, counter);

        Assert.Equal(chat, trimmed);
        Assert.False(counter.HasTokenizer);
    }

    [Fact]
    public void A_conversation_near_the_budget_is_counted_exactly()
    {
        var counter = TokenCounter.For("gpt-4o");
        var chat = Conversation(20);
        var exact = Counter.Count(chat);

        var trimmed = ContextTrimmer.Trim(chat, exact, counter);

        Assert.Equal(chat, trimmed);
        Assert.True(counter.HasTokenizer);
        Assert.InRange(exact, 1, TokenCounter.UpperBound(chat));
    }

    [Fact]
    public void The_upper_bound_is_never_below_the_exact_count()
    {
        string[] texts = ["", "a", "Hello, world!", "héllo wörld ✓ 日本語のテキスト 🎉🎉", new string(' ', 1000), "print(i ** 2)\n" + string.Concat(Enumerable.Repeat("xyz ", 500))];
        foreach (var text in texts)
        {
            List<ChatMessage> message = [new(ChatRole.User, text)];
            Assert.True(Counter.Count(message) <= TokenCounter.UpperBound(message), text);
        }
    }

    [Fact]
    public void The_system_message_and_the_newest_messages_stay_within_the_budget()
    {
        var chat = Conversation(50);
        var trimmed = ContextTrimmer.Trim(chat, 300, Counter);

        Assert.Equal(ChatRole.System, trimmed[0].Role);
        Assert.Same(chat[^1], trimmed[^1]);
        Assert.True(Counter.Count(trimmed) <= 300);
        Assert.True(trimmed.Count < chat.Count);
        // Nothing newer than the oldest kept message was dropped.
        Assert.Equal(chat.Skip(chat.Count - (trimmed.Count - 1)), trimmed.Skip(1));
    }

    [Fact]
    public void A_tool_call_is_never_kept_without_its_result()
    {
        var chat = Conversation(40);
        for (var budget = 60; budget < 600; budget += 7)
        {
            var trimmed = ContextTrimmer.Trim(chat, budget, Counter);
            Assert.NotEqual(ChatRole.Tool, trimmed[1].Role);
            var calls = trimmed.SelectMany(m => m.Contents.OfType<FunctionCallContent>()).Select(c => c.CallId).ToHashSet();
            var results = trimmed.SelectMany(m => m.Contents.OfType<FunctionResultContent>()).Select(r => r.CallId).ToHashSet();
            Assert.Equal(calls, results);
        }
    }

    [Fact]
    public void A_conversation_that_fits_is_sent_whole()
    {
        var chat = Conversation(3);
        Assert.Equal(chat, ContextTrimmer.Trim(chat, 100_000, Counter));
    }

    [Fact]
    public void A_single_message_too_long_for_the_budget_is_cut_in_the_middle_with_a_note()
    {
        var huge = string.Join(' ', Enumerable.Range(0, 5000).Select(i => $"word{i}"));
        var chat = ChatHistory.Build("System.", [LmcMessage.UserText("old"), LmcMessage.UserText(huge)]);

        var trimmed = ContextTrimmer.Trim(chat, 500, Counter);

        Assert.Equal(2, trimmed.Count);
        var text = trimmed[1].Text;
        Assert.StartsWith("word0 word1", text);
        Assert.EndsWith("word4999", text);
        Assert.Contains("tokens cut here to fit the model's context window", text);
        Assert.True(Counter.Count(trimmed) <= 500);
    }

    [Fact]
    public void The_budget_is_the_context_window_less_the_reply()
    {
        Assert.Equal(3000 - 1000, ContextTrimmer.Budget(new Core.Settings.ModelSettings { ContextWindow = 3000, MaxTokens = 1000 }));
        Assert.Equal(128000 - 4096, ContextTrimmer.Budget(new Core.Settings.ModelSettings { Model = "gpt-4o" }));
        Assert.Null(ContextTrimmer.Budget(new Core.Settings.ModelSettings { Model = "ollama/some-model" }));
    }
}
