using Microsoft.Extensions.AI;
using OpenInterpreter.Core.Conversation;
using OpenInterpreter.Core.Messages;
using Xunit;

namespace OpenInterpreter.Core.Tests.Conversation;

public sealed class ChatHistoryTests
{
    [Fact]
    public void Code_becomes_a_call_and_its_output_the_result()
    {
        var chat = ChatHistory.Build("sys", [
            LmcMessage.UserText("hi"),
            LmcMessage.AssistantText("Let me check."),
            LmcMessage.AssistantCode("python", "print(1)"),
            LmcMessage.ConsoleOutput("1"),
            LmcMessage.AssistantText("It is 1."),
        ]);

        Assert.Equal([ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.Tool, ChatRole.Assistant], chat.Select(m => m.Role));
        var call = chat[2].Contents.OfType<FunctionCallContent>().Single();
        Assert.Equal("Let me check.", chat[2].Text);
        Assert.Equal("execute", call.Name);
        Assert.Equal("print(1)", call.Arguments!["code"]);
        var result = chat[3].Contents.OfType<FunctionResultContent>().Single();
        Assert.Equal(call.CallId, result.CallId);
        Assert.Equal("1", result.Result);
    }

    [Fact]
    public void A_call_without_output_still_gets_a_result()
    {
        var chat = ChatHistory.Build("sys", [
            LmcMessage.UserText("run"),
            LmcMessage.AssistantCode("shell", "sleep 100"),
            LmcMessage.UserText("never mind"),
        ]);

        var result = chat.Single(m => m.Role == ChatRole.Tool).Contents.OfType<FunctionResultContent>().Single();
        Assert.Equal(ChatHistory.MissingResult, result.Result);
        Assert.Equal(ChatRole.User, chat[^1].Role);
    }

    [Fact]
    public void Two_calls_in_one_reply_share_the_assistant_message()
    {
        var chat = ChatHistory.Build("sys", [
            LmcMessage.UserText("go"),
            LmcMessage.AssistantCode("python", "a"),
            LmcMessage.ConsoleOutput("A"),
            LmcMessage.AssistantCode("python", "b"),
            LmcMessage.ConsoleOutput("B"),
        ]);

        var ids = chat.SelectMany(m => m.Contents.OfType<FunctionCallContent>()).Select(c => c.CallId).ToList();
        Assert.Equal(2, ids.Distinct().Count());
        Assert.Equal(ids, chat.SelectMany(m => m.Contents.OfType<FunctionResultContent>()).Select(r => r.CallId));
    }

    [Fact]
    public void For_models_without_tool_calling_code_is_a_fenced_block_and_its_output_a_user_message()
    {
        var chat = ChatHistory.Build("sys", [
            LmcMessage.UserText("hi"),
            LmcMessage.AssistantText("Let me check."),
            LmcMessage.AssistantCode("shell", "ls\n"),
            LmcMessage.ConsoleOutput("a.txt"),
            LmcMessage.AssistantText("One file."),
        ], codeAsText: true);

        Assert.Equal([ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.User, ChatRole.Assistant], chat.Select(m => m.Role));
        Assert.Equal("Let me check.\n```shell\nls\n```", chat[2].Text);
        Assert.Empty(chat.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("Code output:\na.txt", chat[3].Text);
    }
}
