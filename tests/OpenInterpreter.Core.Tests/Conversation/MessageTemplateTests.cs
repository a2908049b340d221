using Microsoft.Extensions.AI;
using OpenInterpreter.Core.Conversation;
using OpenInterpreter.Core.Messages;
using OpenInterpreter.Core.Settings;
using Xunit;

namespace OpenInterpreter.Core.Tests.Conversation;

/// <summary>OI's message templates, applied where OI's convert_to_openai_messages applies them.</summary>
public sealed class MessageTemplateTests
{
    private static readonly LmcMessage[] Conversation =
    [
        LmcMessage.UserText("first"),
        LmcMessage.AssistantCode("python", "print(1)"),
        LmcMessage.ConsoleOutput("1\n"),
        LmcMessage.AssistantText("One."),
        LmcMessage.UserText("second"),
        LmcMessage.AssistantCode("python", "x = 1"),
        LmcMessage.ConsoleOutput(""),
    ];

    private static readonly MessageTemplates Templates = new()
    {
        UserMessageTemplate = "<{content}>",
        CodeOutputTemplate = "Output was: {content}",
        EmptyCodeOutputTemplate = "Nothing was printed.",
    };

    private static List<string> UserTexts(List<ChatMessage> chat) => chat.Where(m => m.Role == ChatRole.User).Select(m => m.Text).ToList();

    [Fact]
    public void The_user_template_wraps_only_the_newest_user_message()
    {
        var chat = ChatHistory.Build("system", Conversation, templates: Templates);
        Assert.Equal(["first", "<second>"], UserTexts(chat));
    }

    [Fact]
    public void Always_apply_wraps_every_user_message()
    {
        var chat = ChatHistory.Build("system", Conversation, templates: Templates with { AlwaysApplyUserMessageTemplate = true });
        Assert.Equal(["<first>", "<second>"], UserTexts(chat));
    }

    [Fact]
    public void Output_templates_shape_the_output_sent_back_as_text()
    {
        var chat = ChatHistory.Build("system", Conversation, codeAsText: true, templates: Templates);
        Assert.Equal(["first", "Output was: 1\n", "<second>", "Nothing was printed."], UserTexts(chat));
    }

    [Fact]
    public void With_tool_calls_the_output_stays_the_tool_result_as_in_OI()
    {
        var chat = ChatHistory.Build("system", Conversation, templates: Templates);
        var results = chat.SelectMany(m => m.Contents.OfType<FunctionResultContent>()).Select(r => r.Result as string).ToList();
        Assert.Equal("1\n", results[0]);
    }

    [Fact]
    public void The_assistant_as_sender_continues_its_own_text_with_the_output()
    {
        var chat = ChatHistory.Build("system", Conversation, codeAsText: true, templates: Templates with { CodeOutputSender = "assistant" });
        Assert.Equal(["first", "<second>"], UserTexts(chat));
        Assert.Contains("```python\nprint(1)\n```\n```output\n1\n```", chat.First(m => m.Role == ChatRole.Assistant).Text);
    }

    [Fact]
    public void Without_templates_our_own_wording_stays()
    {
        var chat = ChatHistory.Build("system", Conversation, codeAsText: true);
        Assert.Equal(["first", "Code output:\n1\n", "second", "Code output:\n"], UserTexts(chat));
    }

    [Fact]
    public void Loop_stops_at_a_breaker_in_the_last_answer_only()
    {
        IReadOnlyList<LmcMessage> done = [LmcMessage.UserText("go"), LmcMessage.AssistantText("All set. The task is done.")];
        IReadOnlyList<LmcMessage> earlier = [LmcMessage.AssistantText("The task is done."), LmcMessage.UserText("again"), LmcMessage.AssistantText("Working.")];
        Assert.True(LoopBreaker.Said(done, LoopDefaults.Breakers));
        Assert.False(LoopBreaker.Said(earlier, LoopDefaults.Breakers));
    }
}
