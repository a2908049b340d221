using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Cli.Tests.EndToEnd;

/// <summary>Models as OI users name them: litellm's aliases, providers without a client here, the reply limit's name.</summary>
public sealed class ModelNameTests
{
    [Fact]
    public async Task A_litellm_alias_is_sent_as_the_providers_real_id()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("ok"));
        await using var interpreter = InterpreterProcess.Start(["-m", "claude-3.5", "--api_base", server.RootUrl, "--api_key", "sk-ant-test-0123456789", "--stdin"]);
        await interpreter.WriteLineAsync("hello");
        interpreter.CloseInput();

        Assert.Equal(0, await interpreter.WaitForExitAsync());
        Assert.Equal("/v1/messages", server.Requests.Single().Path);
        Assert.Equal("claude-3-5-sonnet-latest", server.Requests.Single().Json.GetProperty("model").GetString());
    }

    [Theory]
    [InlineData("bedrock/anthropic.claude-3-sonnet-20240229-v1:0", "AWS Bedrock")]
    [InlineData("vertex_ai/gemini-pro", "Google Vertex AI")]
    [InlineData("huggingface/bigcode/starcoder", "Hugging Face Inference")]
    public async Task A_provider_without_a_client_here_is_one_line_saying_what_is_supported(string model, string provider)
    {
        await using var interpreter = InterpreterProcess.Start(["-m", model, "--stdin"]);
        await interpreter.WriteLineAsync("hello");
        interpreter.CloseInput();

        Assert.Equal(2, await interpreter.WaitForExitAsync());
        var line = Assert.Single(interpreter.Stderr.Trim().Split('\n'));
        Assert.Contains(provider, line);
        Assert.Contains("Supported: OpenAI, Anthropic", line);
        Assert.DoesNotContain("OPENAI_API_KEY", line);
    }

    [Fact]
    public async Task An_openai_compatible_server_gets_max_tokens_not_max_completion_tokens()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("ok"));
        await using var interpreter = InterpreterProcess.Start(["--api_base", server.BaseUrl, "--stdin", "-m", "openai/qwen2.5-coder", "-x", "77"]);
        await interpreter.WriteLineAsync("hello");
        interpreter.CloseInput();

        Assert.Equal(0, await interpreter.WaitForExitAsync());
        var request = server.Requests.Single();
        Assert.Equal("qwen2.5-coder", request.Json.GetProperty("model").GetString());
        Assert.Equal(77, request.Json.GetProperty("max_tokens").GetInt32());
        Assert.False(request.Json.TryGetProperty("max_completion_tokens", out _));
    }
}
