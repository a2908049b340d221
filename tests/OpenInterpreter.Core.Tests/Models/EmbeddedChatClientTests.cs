using Microsoft.Extensions.AI;
using OpenInterpreter.Core.Models;
using OpenInterpreter.Core.Models.Embedded;
using OpenInterpreter.Core.Settings;
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

    [Fact]
    public async Task A_reply_whose_first_token_is_late_is_given_up_with_the_line_the_providers_give()
    {
        // llama.cpp writes its log while it makes the context for a reply, before the first token: holding one of those
        // lines (once the model is loaded) stalls the reply there for 2 s, ten times the limit set.
        var loaded = 0;
        var stalled = 0;
        var settings = new ModelSettings { Model = _path, ContextWindow = 512, FirstTokenTimeout = TimeSpan.FromMilliseconds(200) };
        using var model = ChatModelFactory.Create(settings, verboseLog: _ =>
        {
            if (Volatile.Read(ref loaded) == 1 && Interlocked.Exchange(ref stalled, 1) == 0)
            {
                Thread.Sleep(TimeSpan.FromSeconds(2));
            }
        });
        Volatile.Write(ref loaded, 1);

        var pieces = 0;
        var error = await Assert.ThrowsAsync<InterpreterException>(async () =>
        {
            await foreach (var update in model.Client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hello")], new ChatOptions { MaxOutputTokens = 8 }))
            {
                pieces += update.Text.Length > 0 ? 1 : 0;
            }
        });

        Assert.Equal(1, stalled);
        Assert.Equal(0, pieces);
        Assert.Equal($"{_path} sent no reply within 0.2 s; gave up waiting. Try again, or allow longer with --first_token_timeout (profile key llm.first_token_timeout).", error.OneLine);
    }
}
