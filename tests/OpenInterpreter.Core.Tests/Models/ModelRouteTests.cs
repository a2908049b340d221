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
}
