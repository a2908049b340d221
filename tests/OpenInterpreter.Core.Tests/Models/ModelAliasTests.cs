using OpenInterpreter.Core.Models;
using OpenInterpreter.Core.Settings;
using Xunit;

namespace OpenInterpreter.Core.Tests.Models;

public sealed class ModelAliasTests
{
    [Theory]
    [InlineData("claude-3.5", "claude-3-5-sonnet-latest", "anthropic")]
    [InlineData("claude-3-opus", "claude-3-opus-latest", "anthropic")]
    [InlineData("anthropic/claude-3-haiku", "claude-3-haiku-20240307", "anthropic")]
    [InlineData("gpt-4-turbo-preview", "gpt-4-turbo", "openai")]
    [InlineData("gpt-4-turbo", "gpt-4-turbo", "openai")]
    [InlineData("gpt-3.5", "gpt-3.5-turbo", "openai")]
    public void Litellm_names_resolve_to_the_providers_ids(string name, string id, string provider)
    {
        var route = ModelRoute.Resolve(new ModelSettings { Model = name });
        Assert.Equal(id, route.ModelId);
        Assert.Equal(provider, route.Provider.Prefix);
    }

    [Fact]
    public void A_server_of_ones_own_gets_the_name_as_written() =>
        Assert.Equal("gpt-3.5", ModelRoute.Resolve(new ModelSettings { Model = "gpt-3.5", ApiBase = "http://localhost:8000/v1" }).ModelId);

    [Theory]
    [InlineData("bedrock/anthropic.claude-3-sonnet-20240229-v1:0")]
    [InlineData("vertex_ai/gemini-pro")]
    [InlineData("huggingface/bigcode/starcoder")]
    public void Providers_without_a_client_here_are_refused_with_what_is_supported(string name)
    {
        var error = Assert.Throws<UnsupportedModelException>(() => ModelRoute.Resolve(new ModelSettings { Model = name }));
        Assert.Contains("not supported here", error.Message);
        Assert.Contains("--api_base", error.Hint);
    }

    [Fact]
    public void Behind_a_proxy_a_bedrock_name_is_passed_on() =>
        Assert.Equal("bedrock/anthropic.claude", ModelRoute.Resolve(new ModelSettings { Model = "bedrock/anthropic.claude", ApiBase = "http://localhost:4000" }).ModelId);

    [Theory]
    [InlineData("gpt-4o", null, false)]
    [InlineData("gpt-4o", "http://localhost:8000/v1", true)]
    [InlineData("openai/qwen", "http://localhost:8000/v1", true)]
    [InlineData("lmstudio/qwen", null, true)]
    [InlineData("groq/llama-3.3-70b-versatile", null, true)]
    [InlineData("claude-3-5-haiku-latest", null, false)]
    [InlineData("ollama/llama3.1", null, false)]
    public void Only_api_openai_com_keeps_max_completion_tokens(string model, string? apiBase, bool renamed) =>
        Assert.Equal(renamed, MaxTokensRenamer.AppliesTo(ModelRoute.Resolve(new ModelSettings { Model = model, ApiBase = apiBase })));
}
