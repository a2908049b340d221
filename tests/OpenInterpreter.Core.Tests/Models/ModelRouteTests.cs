using OpenInterpreter.Core.Models;
using OpenInterpreter.Core.Settings;
using Xunit;

namespace OpenInterpreter.Core.Tests.Models;

public sealed class ModelRouteTests
{
    [Fact]
    public void A_bare_gpt_name_goes_to_openai()
    {
        var route = ModelRoute.Resolve(new ModelSettings { Model = "gpt-4o" });
        Assert.Same(Provider.OpenAI, route.Provider);
        Assert.Equal("gpt-4o", route.ModelId);
        Assert.Null(route.Endpoint);
    }

    [Fact]
    public void An_openai_prefix_with_an_api_base_is_sent_without_the_prefix()
    {
        var route = ModelRoute.Resolve(new ModelSettings { Model = "openai/my-local", ApiBase = "http://localhost:8000/v1" });
        Assert.Equal("my-local", route.ModelId);
        Assert.Equal(new Uri("http://localhost:8000/v1"), route.Endpoint);
    }

    [Fact]
    public void Local_servers_have_their_default_ports()
    {
        Assert.Equal(1234, ModelRoute.Resolve(new ModelSettings { Model = "lmstudio/qwen" }).Endpoint?.Port);
        Assert.Equal(1337, ModelRoute.Resolve(new ModelSettings { Model = "jan/llama" }).Endpoint?.Port);
    }

    [Fact]
    public void A_bad_api_base_is_a_clear_error() =>
        Assert.Contains("is not a URL", Assert.Throws<InterpreterException>(() => ModelRoute.Resolve(new ModelSettings { ApiBase = "not a url" })).Message);

    [Theory]
    [InlineData("claude-3-5-sonnet-latest", "claude-3-5-sonnet-latest")]
    [InlineData("anthropic/claude-3-5-haiku-latest", "claude-3-5-haiku-latest")]
    public void Claude_names_go_to_anthropic(string name, string id)
    {
        var route = ModelRoute.Resolve(new ModelSettings { Model = name });
        Assert.Same(Provider.Anthropic, route.Provider);
        Assert.Equal(id, route.ModelId);
        Assert.Equal("https://api.anthropic.com/", route.Endpoint?.ToString());
    }

    [Fact]
    public void Ollama_and_ollama_chat_use_ollamas_own_api_on_its_port()
    {
        foreach (var name in new[] { "ollama/llama3.1", "ollama_chat/llama3.1" })
        {
            var route = ModelRoute.Resolve(new ModelSettings { Model = name, ApiBase = null });
            Assert.Equal(ProviderKind.Ollama, route.Provider.Kind);
            Assert.Equal("llama3.1", route.ModelId);
        }
    }

    [Fact]
    public void A_gguf_path_goes_to_the_embedded_engine()
    {
        var route = ModelRoute.Resolve(new ModelSettings { Model = "/models/tiny.Q4_0.gguf" });
        Assert.Same(Provider.Embedded, route.Provider);
        Assert.Equal("/models/tiny.Q4_0.gguf", route.ModelId);
    }

    [Fact]
    public void Azure_without_a_resource_url_says_where_to_give_it()
    {
        if (Environment.GetEnvironmentVariable("AZURE_API_BASE") is { Length: > 0 })
        {
            return;
        }

        var error = Assert.Throws<InterpreterException>(() => ModelRoute.Resolve(new ModelSettings { Model = "azure/gpt-4o" }));
        Assert.Contains("AZURE_API_BASE", error.OneLine);
    }
}
