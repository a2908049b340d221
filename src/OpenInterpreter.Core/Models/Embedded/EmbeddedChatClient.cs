using System.Runtime.CompilerServices;
using System.Text;
using LLama;
using LLama.Common;
using LLama.Sampling;
using Microsoft.Extensions.AI;

namespace OpenInterpreter.Core.Models.Embedded;

/// <summary>
/// Runs a GGUF model in-process with LLamaSharp (llama.cpp, CPU): the conversation is rendered with the model's own
/// chat template, the reply streams token by token, stops at <c>max_tokens</c> (finish reason "length") or at the
/// end of text, and cancellation stops it between tokens. The model has no tool calling: the loop uses text mode.
/// <see cref="ChatModelFactory"/> wraps it in <see cref="IdleTimeoutChatClient"/>, as it does every provider.
/// </summary>
public sealed class EmbeddedChatClient : IChatClient
{
    /// <summary>Used when no <c>max_tokens</c> is set.</summary>
    public const int DefaultMaxTokens = 1000;

    private readonly LLamaWeights _weights;
    private readonly ModelParams _parameters;
    private readonly string _path;

    private EmbeddedChatClient(LLamaWeights weights, ModelParams parameters, string path)
    {
        _weights = weights;
        _parameters = parameters;
        _path = path;
    }

    /// <summary>Loads <paramref name="path"/> with a context of <paramref name="contextWindow"/> tokens (the model's own when null).</summary>
    public static EmbeddedChatClient Load(string path, int? contextWindow, Action<string>? log)
    {
        EmbeddedEngine.Initialize(log);
        var parameters = new ModelParams(path)
        {
            ContextSize = contextWindow is { } size ? (uint)size : null,
            GpuLayerCount = 0,
        };
        return new EmbeddedChatClient(LLamaWeights.LoadFromFile(parameters), parameters, path);
    }

    /// <summary>The prompt the model is given for <paramref name="messages"/>: its chat template, ready for the assistant's turn.</summary>
    public string RenderPrompt(IEnumerable<ChatMessage> messages)
    {
        var template = new LLamaTemplate(_weights) { AddAssistant = true };
        foreach (var message in messages)
        {
            template.Add(message.Role.Value, message.Text);
        }

        return Encoding.UTF8.GetString(template.Apply());
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        await foreach (var update in GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            text.Append(update.Text);
            finish = update.FinishReason ?? finish;
        }

        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text.ToString())) { FinishReason = finish, ModelId = _path };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // LLamaSharp makes the context and reads the prompt's tokens before its first await: off the caller's thread,
        // a first-token time-out waiting on this stream runs its clock over that work too.
        await Task.Yield();
        var maxTokens = options?.MaxOutputTokens ?? DefaultMaxTokens;
        var inference = new InferenceParams
        {
            MaxTokens = maxTokens,
            SamplingPipeline = new DefaultSamplingPipeline { Temperature = options?.Temperature ?? 0f, Seed = 42 },
        };
        var executor = new StatelessExecutor(_weights, _parameters);
        var written = 0;
        await foreach (var piece in executor.InferAsync(RenderPrompt(messages), inference, cancellationToken).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            written++;
            if (piece.Length > 0)
            {
                yield return new ChatResponseUpdate(ChatRole.Assistant, piece) { ModelId = _path };
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        yield return new ChatResponseUpdate(ChatRole.Assistant, [])
        {
            FinishReason = written >= maxTokens ? ChatFinishReason.Length : ChatFinishReason.Stop,
            ModelId = _path,
        };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose() => _weights.Dispose();
}
