using Microsoft.Extensions.AI;
using OpenInterpreter.Core.Messages;
using OpenInterpreter.Core.Settings;
using OpenInterpreter.Core.Tools;

namespace OpenInterpreter.Core.Conversation;

/// <summary>
/// Turns the LMC conversation into the chat messages a model is sent: assistant code becomes an <c>execute</c>
/// call (or, when its format names another tool function, a call to that function with the content as arguments)
/// and the console output after it that call's result; for models without tool calling, code becomes a fenced
/// block in the assistant's text and its output a user message.
/// </summary>
public static class ChatHistory
{
    /// <summary>Result text for a call whose run left no output message (the run was cut short before it ended).</summary>
    public const string MissingResult = "No output: the run was cut short.";

    /// <summary>How many of the newest images go to the model; older ones become a line of text, as in OI.</summary>
    public const int KeptImages = 3;

    /// <summary>Prefix of the user message that carries code output back to a model without tool calling.</summary>
    public const string CodeOutputPrefix = "Code output:";

    public const string OlderImageNote = "[An earlier image was here; only the newest images are kept.]";

    public const string NoVisionNote = "[An image was taken here, but this model cannot see images.]";

    /// <summary>
    /// The chat messages for <paramref name="messages"/>. Images (screenshots, plots) follow as user messages with
    /// image content, the newest <see cref="KeptImages"/> only; a model without <paramref name="vision"/> gets a note.
    /// For models without tool calling (<paramref name="codeAsText"/>) code is written as fenced blocks instead.
    /// </summary>
    /// <remarks>
    /// OI's <paramref name="templates"/> apply as OI applies them: the user template to the newest user message (or
    /// every one), the code output templates and sender only where output goes back as text.
    /// </remarks>
    public static List<ChatMessage> Build(string systemMessage, IReadOnlyList<LmcMessage> messages, bool vision = true, bool codeAsText = false, MessageTemplates? templates = null)
    {
        templates ??= new MessageTemplates();
        var newestUser = LastUserMessage(messages);
        if (codeAsText)
        {
            return BuildAsText(systemMessage, messages, templates, newestUser);
        }

        var chat = new List<ChatMessage> { new(ChatRole.System, systemMessage) };
        var images = messages.Count(m => m.Type == LmcType.Image);
        var imageNumber = 0;
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

        for (var index = 0; index < messages.Count; index++)
        {
            var message = messages[index];
            switch (message.Role, message.Type)
            {
                case (LmcRole.User, _):
                    CloseCall(MissingResult);
                    assistant = null;
                    chat.Add(new ChatMessage(ChatRole.User, message.Type == LmcType.Message ? templates.UserMessage(message.Content, index == newestUser) : message.Content));
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
                    assistant.Contents.Add(ToolFunctions.IsToolFunction(message.Format) && ToolArgumentsJson.Read(message.Content) is { } arguments
                        ? new FunctionCallContent(pendingCallId, message.Format!, arguments)
                        : new FunctionCallContent(pendingCallId, ExecuteTool.Name, new Dictionary<string, object?>
                        {
                            ["language"] = message.Format ?? "python",
                            ["code"] = message.Content,
                        }));
                    break;

                case (LmcRole.Computer, LmcType.Image):
                    CloseCall(MissingResult);
                    assistant = null;
                    imageNumber++;
                    chat.Add(!vision ? new ChatMessage(ChatRole.User, NoVisionNote)
                        : imageNumber <= images - KeptImages || ImageContent(message) is not { } image ? new ChatMessage(ChatRole.User, OlderImageNote)
                        : new ChatMessage(ChatRole.User, [new TextContent("The image the last action produced:"), image]));
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

    private static DataContent? ImageContent(LmcMessage message)
    {
        try
        {
            return message.Format == LmcFormat.Path
                ? new DataContent(File.ReadAllBytes(message.Content), "image/png")
                : new DataContent(Convert.FromBase64String(message.Content), "image/png");
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The conversation for a model without tool calling: code in fenced blocks, output as user messages.</summary>
    private static List<ChatMessage> BuildAsText(string systemMessage, IReadOnlyList<LmcMessage> messages, MessageTemplates templates, int newestUser)
    {
        var chat = new List<ChatMessage> { new(ChatRole.System, systemMessage) };
        ChatMessage? assistant = null;
        for (var index = 0; index < messages.Count; index++)
        {
            var message = messages[index];
            switch (message.Role, message.Type)
            {
                case (LmcRole.User, _):
                    assistant = null;
                    chat.Add(new ChatMessage(ChatRole.User, message.Type == LmcType.Message ? templates.UserMessage(message.Content, index == newestUser) : message.Content));
                    break;

                case (LmcRole.Computer, LmcType.Console) when message.Format == LmcFormat.Output && templates.CodeOutputSender == "assistant":
                    // OI's code_output_sender "assistant": the output continues the assistant's own text.
                    assistant ??= AddAssistant(chat);
                    assistant.Contents.Add(new TextContent($"\n```output\n{message.Content.TrimEnd('\n')}\n```"));
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
                    chat.Add(new ChatMessage(ChatRole.User, CodeOutputText(message.Content, templates)));
                    break;
            }
        }

        return chat;
    }

    private static ChatMessage AddAssistant(List<ChatMessage> chat)
    {
        var assistant = new ChatMessage(ChatRole.Assistant, []);
        chat.Add(assistant);
        return assistant;
    }

    /// <summary>The user message carrying code output to a model without tool calling: OI's templates, else ours.</summary>
    private static string CodeOutputText(string output, MessageTemplates templates) =>
        string.IsNullOrWhiteSpace(output) && templates.EmptyCodeOutputTemplate is { } empty ? empty
        : templates.CodeOutputTemplate is { } template ? template.Replace("{content}", output, StringComparison.Ordinal)
        : $"{CodeOutputPrefix}\n{output}";

    private static int LastUserMessage(IReadOnlyList<LmcMessage> messages)
    {
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (messages[i] is { Role: LmcRole.User, Type: LmcType.Message })
            {
                return i;
            }
        }

        return -1;
    }
}
