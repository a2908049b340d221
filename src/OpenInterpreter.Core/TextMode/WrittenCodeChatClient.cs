using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenInterpreter.Core.Models;
using OpenInterpreter.Core.Tools;

namespace OpenInterpreter.Core.TextMode;

/// <summary>
/// Turns code that a model writes in its text into <c>execute</c> calls, so the loop runs it like any tool call.
/// In text mode (models without tool calling) the first fenced code block becomes the call while the stream is read,
/// its code streaming as <see cref="ToolCallFragment"/>s, and the reply ends there. In both modes a call written as
/// JSON or <c>functions.execute(…)</c> in a reply without a real call is repaired into one.
/// </summary>
public sealed class WrittenCodeChatClient(IChatClient inner, bool readCodeBlocks) : DelegatingChatClient(inner)
{
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var parser = readCodeBlocks ? new CodeBlockParser() : null;
        var callId = $"written_{Guid.NewGuid():N}"[..16];
        var prose = new StringBuilder();
        var sawCall = false;
        ChatFinishReason? finish = null;
        var unnamed = false;
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            finish ??= update.FinishReason;
            unnamed |= UnnamedFinishReason.IsOn(update);
            sawCall |= update.Contents.Any(c => c is FunctionCallContent);
            if (parser is null)
            {
                prose.Append(update.Text);
                yield return update;
                continue;
            }

            var contents = new List<AIContent>();
            foreach (var content in update.Contents)
            {
                if (content is TextContent text)
                {
                    foreach (var segment in parser.Read(text.Text))
                    {
                        contents.AddRange(Translate(segment, callId, prose));
                    }
                }
                else
                {
                    contents.Add(content);
                }
            }

            if (parser.Block is not null)
            {
                // The first complete block runs now; whatever the model writes after it is not waited for.
                yield return new ChatResponseUpdate(ChatRole.Assistant, contents) { FinishReason = ChatFinishReason.ToolCalls };
                yield break;
            }

            yield return new ChatResponseUpdate(update.Role ?? ChatRole.Assistant, contents) { FinishReason = update.FinishReason };
        }

        if (parser is { Language: not null, Block: null } && unnamed)
        {
            // The block is still open at an end the server gave no reason for: like a tool call whose JSON broke off,
            // it was cut (at the server's own limit, likely), and half a program must not run.
            yield return new ChatResponseUpdate(ChatRole.Assistant, []) { FinishReason = UnnamedFinishReason.CallCut };
            yield break;
        }

        var last = new List<AIContent>();
        if (parser is not null && finish is not null)
        {
            foreach (var segment in parser.Finish())
            {
                last.AddRange(Translate(segment, callId, prose));
            }
        }

        if (parser?.Block is null && !sawCall && finish is not null && WrittenCall.Find(prose.ToString()) is { } written)
        {
            last.Add(Call(callId, written));
        }

        if (last.Count > 0)
        {
            var calls = last.Any(c => c is FunctionCallContent);
            yield return new ChatResponseUpdate(ChatRole.Assistant, last) { FinishReason = calls ? ChatFinishReason.ToolCalls : finish };
        }
    }

    private static IEnumerable<AIContent> Translate(TextSegment segment, string callId, StringBuilder prose)
    {
        switch (segment)
        {
            case ProseText text:
                prose.Append(text.Text);
                yield return new TextContent(text.Text);
                break;
            case CodeOpened opened:
                yield return new ToolCallFragment(0, callId, ExecuteTool.Name, $"{{\"language\":\"{Escape(opened.Language)}\",\"code\":\"");
                break;
            case CodeText code:
                yield return new ToolCallFragment(0, null, null, Escape(code.Text));
                break;
            case CodeClosed closed:
                yield return new ToolCallFragment(0, null, null, "\"}");

                // A block that holds a call written as JSON (```json {"language": …}```) is that call.
                var isWrittenCall = closed.Block.Language == "json" || closed.Block.Code.TrimStart().StartsWith('{');
                yield return Call(callId, isWrittenCall && WrittenCall.Find(closed.Block.Code) is { } written ? written : closed.Block);
                break;
        }
    }

    private static FunctionCallContent Call(string callId, CodeRequest request) =>
        new(callId, ExecuteTool.Name, new Dictionary<string, object?> { ["language"] = request.Language, ["code"] = request.Code });

    private static string Escape(string text) => JsonEncodedText.Encode(text, Encoder).ToString();
}
