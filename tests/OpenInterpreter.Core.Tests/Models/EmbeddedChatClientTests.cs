using Microsoft.Extensions.AI;
using OpenInterpreter.Core.Models.Embedded;
using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Core.Tests.Models;

/// <summary>The embedded engine on a tiny random-weight GGUF model that the test writes itself.</summary>
public sealed class EmbeddedChatClientTests : IDisposable
{
    private readonly string _path = Path.Combine(Directory.CreateTempSubdirectory("oi-gguf-").FullName, "tiny.gguf");

    public EmbeddedChatClientTests() => TinyGgufModel.Write(_path);

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);

    [Fact]
    public async Task A_generated_gguf_loads_and_streams_tokens_until_max_tokens()
    {
        using var client = EmbeddedChatClient.Load(_path, contextWindow: 512, log: null);
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hello")], new ChatOptions { MaxOutputTokens = 12 }))
        {
            updates.Add(update);
        }

        var pieces = updates.Where(u => u.Text.Length > 0).ToList();
        Assert.InRange(pieces.Count, 2, 12);
        Assert.Equal(ChatFinishReason.Length, updates[^1].FinishReason);
    }

    [Fact]
    public void The_prompt_uses_the_models_own_chat_template()
    {
        using var client = EmbeddedChatClient.Load(_path, contextWindow: 512, log: null);
        var prompt = client.RenderPrompt([new ChatMessage(ChatRole.System, "be brief"), new ChatMessage(ChatRole.User, "hi")]);
        Assert.Equal("<|im_start|>system\nbe brief<|im_end|>\n<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n", prompt);
    }

    [Fact]
    public async Task Cancelling_stops_the_stream()
    {
        using var client = EmbeddedChatClient.Load(_path, contextWindow: 512, log: null);
        using var cancel = new CancellationTokenSource();
        var received = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hello")], new ChatOptions { MaxOutputTokens = 400 }, cancel.Token))
            {
                if (update.Text.Length > 0 && ++received == 3)
                {
                    cancel.Cancel();
                }
            }
        });
        Assert.Equal(3, received);
    }
}
