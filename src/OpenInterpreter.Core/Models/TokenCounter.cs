using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.ML.Tokenizers;

namespace OpenInterpreter.Core.Models;

/// <summary>
/// Counts tokens the way the model will: OpenAI's own tokenizers (o200k_base, cl100k_base, shipped inside the program,
/// no download) for OpenAI models, and cl100k_base as an estimate for every other model, which <see cref="IsExact"/>
/// says. A chat request is counted as OpenAI documents it: each message's text plus 3 tokens, plus 3 for the reply.
/// </summary>
/// <remarks>
/// The tokenizer's tables take about 140 ms and 47 MiB to build, so they are built only on the first exact count;
/// <see cref="UpperBound(IEnumerable{ChatMessage})"/> answers "does it fit?" from the text's UTF-8 length alone
/// (a byte-level BPE token covers at least one byte), which settles every request far from the budget.
/// </remarks>
public sealed class TokenCounter
{
    /// <summary>Tokens each message costs beyond its text (role and separators).</summary>
    public const int PerMessage = 3;

    /// <summary>Tokens that prime the reply at the end of every request.</summary>
    public const int PerRequest = 3;

    private static readonly ConcurrentDictionary<string, Tokenizer> Tokenizers = new();

    private const int CacheLimit = 100_000;

    private readonly Lazy<Tokenizer> _tokenizer;
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    private TokenCounter(string encoding, bool isExact)
    {
        Encoding = encoding;
        IsExact = isExact;
        _tokenizer = new(() => Tokenizers.GetOrAdd(encoding, e => TiktokenTokenizer.CreateForEncoding(e)));
    }

    /// <summary>True once this counter has needed its tokenizer (an exact count), which it builds then.</summary>
    public bool HasTokenizer => _tokenizer.IsValueCreated;

    /// <summary>The tokenizer used: <c>o200k_base</c> or <c>cl100k_base</c>.</summary>
    public string Encoding { get; }

    /// <summary>True when this is the model's own tokenizer; false when the count is an estimate.</summary>
    public bool IsExact { get; }

    /// <summary>The counter for <paramref name="model"/>, a litellm-style name.</summary>
    public static TokenCounter For(string model)
    {
        var name = ModelPrices.BareName(model).ToLowerInvariant();
        string[] o200k = ["gpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5", "chatgpt-4o", "o1", "o3", "o4"];
        string[] cl100k = ["gpt-4", "gpt-3.5", "text-embedding-3", "text-embedding-ada"];
        if (o200k.Any(name.StartsWith))
        {
            return new TokenCounter("o200k_base", isExact: true);
        }

        return new TokenCounter("cl100k_base", isExact: cl100k.Any(name.StartsWith));
    }

    public int Count(string text)
    {
        if (text.Length < 16)
        {
            return text.Length == 0 ? 0 : _tokenizer.Value.CountTokens(text);
        }

        // Every request counts the same history again: remembered counts make trimming a long conversation cheap.
        if (_counts.TryGetValue(text, out var known))
        {
            return known;
        }

        if (_counts.Count >= CacheLimit)
        {
            _counts.Clear();
        }

        return _counts[text] = _tokenizer.Value.CountTokens(text);
    }

    /// <summary>The tokens of one chat message: its text, tool calls (name and arguments) and tool results.</summary>
    public int Count(ChatMessage message)
    {
        var tokens = PerMessage;
        foreach (var content in message.Contents)
        {
            tokens += content switch
            {
                TextContent text => Count(text.Text),
                FunctionCallContent call => Count(call.Name) + (call.Arguments ?? new Dictionary<string, object?>()).Sum(a => Count(a.Key) + Count(a.Value?.ToString() ?? "")),
                FunctionResultContent result => Count(result.Result?.ToString() ?? ""),
                _ => 0,
            };
        }

        return tokens;
    }

    /// <summary>The tokens of a whole request's messages.</summary>
    public int Count(IEnumerable<ChatMessage> messages) => messages.Sum(Count) + PerRequest;

    /// <summary>
    /// The count when the tokenizer is built already, else a cheap estimate (a token per four UTF-8 bytes, OpenAI's
    /// rule of thumb): for bookkeeping of usage a provider did not report, which must not build the tokenizer by itself.
    /// </summary>
    public int Estimate(string text) => HasTokenizer ? Count(text) : (Bytes(text) + 3) / 4;

    /// <summary>As <see cref="Estimate(string)"/>, for a whole request's messages.</summary>
    public int Estimate(IEnumerable<ChatMessage> messages) => HasTokenizer ? Count(messages) : (UpperBound(messages) + 3) / 4;

    /// <summary>At least as many tokens as <see cref="Count(IEnumerable{ChatMessage})"/> gives, without the tokenizer:
    /// the texts' UTF-8 bytes, since every token stands for one byte or more.</summary>
    public static int UpperBound(IEnumerable<ChatMessage> messages) => messages.Sum(UpperBound) + PerRequest;

    private static int UpperBound(ChatMessage message)
    {
        var bytes = PerMessage;
        foreach (var content in message.Contents)
        {
            bytes += content switch
            {
                TextContent text => Bytes(text.Text),
                FunctionCallContent call => Bytes(call.Name) + (call.Arguments ?? new Dictionary<string, object?>()).Sum(a => Bytes(a.Key) + Bytes(a.Value?.ToString())),
                FunctionResultContent result => Bytes(result.Result?.ToString()),
                _ => 0,
            };
        }

        return bytes;
    }

    private static int Bytes(string? text) => text is null ? 0 : System.Text.Encoding.UTF8.GetByteCount(text);
}
