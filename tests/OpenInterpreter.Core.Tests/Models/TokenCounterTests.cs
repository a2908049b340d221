using Microsoft.ML.Tokenizers;
using OpenInterpreter.Core.Models;
using Xunit;

namespace OpenInterpreter.Core.Tests.Models;

public sealed class TokenCounterTests
{
    [Fact]
    public void OpenAI_models_use_their_own_tokenizer()
    {
        Assert.Equal(("o200k_base", true), (TokenCounter.For("gpt-4o-mini").Encoding, TokenCounter.For("gpt-4o-mini").IsExact));
        Assert.Equal(("cl100k_base", true), (TokenCounter.For("openai/gpt-3.5-turbo").Encoding, TokenCounter.For("gpt-3.5-turbo").IsExact));
        Assert.False(TokenCounter.For("ollama/llama3.1").IsExact);
        const string text = "Hello, world! How many tokens is this sentence?";
        Assert.Equal(TiktokenTokenizer.CreateForModel("gpt-4o").CountTokens(text), TokenCounter.For("gpt-4o").Count(text));
    }

    [Fact]
    public void Prices_match_the_longest_model_name()
    {
        Assert.Equal("gpt-4o-mini", ModelPrices.Find("gpt-4o-mini-2024-07-18")?.Model);
        Assert.Equal("gpt-4o", ModelPrices.Find("openai/gpt-4o")?.Model);
        Assert.Null(ModelPrices.Find("ollama/llama3.1"));
        Assert.Equal(2.5m, ModelPrices.Find("gpt-4o")!.InputCost(1_000_000));
    }

    [Fact]
    public void Unreported_usage_is_estimated_without_building_the_tokenizer_and_counted_exactly_once_it_is_built()
    {
        var counter = TokenCounter.For("claude-sonnet-4-5");
        const string text = "Let me list the files in this folder and count the Python ones.";

        var estimate = counter.Estimate(text);

        Assert.False(counter.HasTokenizer);
        Assert.Equal((System.Text.Encoding.UTF8.GetByteCount(text) + 3) / 4, estimate);
        var exact = counter.Count(text);
        Assert.True(counter.HasTokenizer);
        Assert.Equal(exact, counter.Estimate(text));
    }
}
