using Microsoft.Extensions.AI;
using OpenInterpreter.Core.Messages;
using OpenInterpreter.Core.Tools;

namespace OpenInterpreter.Core.Conversation;

/// <summary>
/// Turns the LMC conversation into the chat messages a model is sent: assistant code becomes an <c>execute</c>
/// call and the console output after it that call's result; for models without tool calling, code becomes a fenced
/// block in the assistant's text and its output a user message.
/// </summary>
public static class ChatHistory
{
    /// <summary>Result text for a call whose run left no output message (the run was cut short before it ended).</summary>
    public const string MissingResult = "No output: the run was cut short.";

    /// <summary>Prefix of the user message that carries code output back to a model without tool calling.</summary>
    public const string CodeOutputPrefix = "Code output:";

    public static List<ChatMessage> Build(string systemMessage, IReadOnlyList<LmcMessage> messages, bool codeAsText = false)
    {
        if (codeAsText)
        {
            return BuildAsText(systemMessage, messages);
        }

        var chat = new List<ChatMessage> { new(ChatRole.System, systemMessage) };
        ChatMessage? assistant = null;
        string? pendingCallId = null;
        var callNumber = 0;

        void CloseCall(string result)
        {
            if (pendingCallId is not null)
            {
                chat.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(pendingCallId, result)]));
                pendingCallId = null;
            }
        }

        foreach (var message in messages)
        {
            switch (message.Role, message.Type)
            {
                case (LmcRole.User, _):
                    CloseCall(MissingResult);
                    assistant = null;
                    chat.Add(new ChatMessage(ChatRole.User, message.Content));
                    break;

                case (LmcRole.Assistant, LmcType.Message):
                    CloseCall(MissingResult);
                    if (assistant is null || assistant.Contents.OfType<FunctionCallContent>().Any())
                    {
                        assistant = new ChatMessage(ChatRole.Assistant, []);
                        chat.Add(assistant);
                    }

                    assistant.Contents.Add(new TextContent(message.Content));
                    break;

                case (LmcRole.Assistant, LmcType.Code):
                    CloseCall(MissingResult);
                    if (assistant is null)
                    {
                        assistant = new ChatMessage(ChatRole.Assistant, []);
                        chat.Add(assistant);
                    }

                    pendingCallId = $"call_{++callNumber}";
                    assistant.Contents.Add(new FunctionCallContent(pendingCallId, ExecuteTool.Name, new Dictionary<string, object?>
                    {
                        ["language"] = message.Format ?? "python",
                        ["code"] = message.Content,
                    }));
                    break;

                case (LmcRole.Computer, LmcType.Console) when message.Format == LmcFormat.Output:
                    assistant = null;
                    if (pendingCallId is null)
                    {
                        // Output with no call before it (a `%%` shell command, an imported conversation): a user note.
                        chat.Add(new ChatMessage(ChatRole.User, $"Output of code run by the user:\n{message.Content}"));
                    }
                    else
                    {
                        CloseCall(message.Content);
                    }

                    break;
            }
        }

        CloseCall(MissingResult);
        return chat;
    }

    /// <summary>The conversation for a model without tool calling: code in fenced blocks, output as user messages.</summary>
    private static List<ChatMessage> BuildAsText(string systemMessage, IReadOnlyList<LmcMessage> messages)
    {
        var chat = new List<ChatMessage> { new(ChatRole.System, systemMessage) };
        ChatMessage? assistant = null;
        foreach (var message in messages)
        {
            switch (message.Role, message.Type)
            {
                case (LmcRole.User, _):
                    assistant = null;
                    chat.Add(new ChatMessage(ChatRole.User, message.Content));
                    break;

                case (LmcRole.Assistant, LmcType.Message or LmcType.Code):
                    if (assistant is null)
                    {
                        assistant = new ChatMessage(ChatRole.Assistant, []);
                        chat.Add(assistant);
                    }

                    var text = message.Type == LmcType.Code
                        ? $"```{message.Format ?? "python"}\n{message.Content.TrimEnd('\n')}\n```"
                        : message.Content;
                    var separator = assistant.Contents.Count > 0 && !assistant.Text.EndsWith('\n') ? "\n" : "";
                    assistant.Contents.Add(new TextContent(separator + text));
                    break;

                case (LmcRole.Computer, LmcType.Console) when message.Format == LmcFormat.Output:
                    assistant = null;
                    chat.Add(new ChatMessage(ChatRole.User, $"{CodeOutputPrefix}\n{message.Content}"));
                    break;
            }
        }

        return chat;
    }
}
