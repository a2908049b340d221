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
}
