using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Cli.Tests.EndToEnd;

/// <summary>A tool-call round trip through each provider's own SDK and wire format.</summary>
public sealed class ProviderTests
{
    private const string AnthropicKey = "sk-ant-test-0123456789abcdef";

    [Fact]
    public async Task Anthropic_streams_text_and_a_tool_call_whose_input_arrives_in_fragments()
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("add", FakeReply.Execute("python", "a = 2\nprint(a + 3)", leadingText: "Computing."))
            .When(r => r.ToolResults.Count > 0, FakeReply.Text("The sum is 5."));
        await using var interpreter = InterpreterProcess.Start(
            ["--model", "claude-3-5-sonnet-latest", "--api_base", server.RootUrl, "--stdin", "-y", "--max_tokens", "700"],
            environment: new Dictionary<string, string> { ["ANTHROPIC_API_KEY"] = AnthropicKey });

        await interpreter.WriteLineAsync("add 2 and 3");
        interpreter.CloseInput();

        Assert.Equal(0, await interpreter.WaitForExitAsync());
        Assert.Contains("Computing.", interpreter.Stdout);
        Assert.Contains("The sum is 5.", interpreter.Stdout);
        var first = server.Requests[0];
        Assert.Equal("/v1/messages", first.Path);
        Assert.Equal(AnthropicKey, first.Headers["x-api-key"]);
        Assert.Equal("2023-06-01", first.Headers["anthropic-version"]);
        Assert.True(first.Json.GetProperty("stream").GetBoolean());
        Assert.Equal("claude-3-5-sonnet-latest", first.Json.GetProperty("model").GetString());
        Assert.Equal(700, first.Json.GetProperty("max_tokens").GetInt32());
        Assert.Contains("Open Interpreter", first.SystemText);
        Assert.Equal("execute", first.Json.GetProperty("tools")[0].GetProperty("name").GetString());
        Assert.Equal("5", server.Requests[^1].ToolResults.Single().Trim());
    }

    [Fact]
    public async Task Anthropic_rejecting_the_key_is_one_line_naming_the_variable()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Error(401, "invalid x-api-key"));
        await using var interpreter = InterpreterProcess.Start(
            ["--model", "anthropic/claude-3-5-haiku-latest", "--api_base", server.RootUrl, "--stdin"],
            environment: new Dictionary<string, string> { ["ANTHROPIC_API_KEY"] = AnthropicKey });

        await interpreter.WriteLineAsync("hello");
        interpreter.CloseInput();

        Assert.Equal(1, await interpreter.WaitForExitAsync());
        var line = Assert.Single(interpreter.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Anthropic rejected the API key (401 Unauthorized: invalid x-api-key)", line);
        Assert.Contains("Check ANTHROPIC_API_KEY.", line);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_claude_model_without_a_key_names_the_variable_to_set()
    {
        await using var interpreter = InterpreterProcess.Start(["--model", "claude-3-5-sonnet-latest", "--stdin"]);
        await interpreter.WriteLineAsync("hello");
        interpreter.CloseInput();

        Assert.Equal(2, await interpreter.WaitForExitAsync());
        Assert.Contains("No API key for Anthropic. Set ANTHROPIC_API_KEY or pass --api_key.", interpreter.Stderr);
    }

    [Fact]
    public async Task Ollama_streams_a_tool_call_over_its_own_api_at_ollama_host()
    {
        await using var server = FakeModelServer.Start()
            .WithModels(["llama3.1"], tools: true)
            .WhenLastMessageContains("list", FakeReply.Execute("shell", "echo from-ollama"))
            .When(r => r.ToolResults.Count > 0, FakeReply.Text("Listed."));
        await using var interpreter = InterpreterProcess.Start(
            ["--model", "ollama/llama3.1", "--stdin", "-y"],
            environment: new Dictionary<string, string> { ["OLLAMA_HOST"] = $"127.0.0.1:{server.Port}" });

        await interpreter.WriteLineAsync("list things");
        interpreter.CloseInput();

        Assert.Equal(0, await interpreter.WaitForExitAsync());
        Assert.Contains("Listed.", interpreter.Stdout);
        Assert.All(server.Requests, r => Assert.Equal("/api/chat", r.Path));
        Assert.Equal("llama3.1", server.Requests[0].Json.GetProperty("model").GetString());
        Assert.Equal("execute", server.Requests[0].Json.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("from-ollama", server.Requests[^1].ToolResults.Single().Trim());
    }

    [Fact]
    public async Task An_ollama_model_that_is_not_pulled_says_the_pull_command()
    {
        await using var server = FakeModelServer.Start().WithModels(["llama3.1"]).Otherwise(FakeReply.Text("unused"));
        await using var interpreter = InterpreterProcess.Start(
            ["--model", "ollama/qwen2.5-coder", "--api_base", server.RootUrl, "--stdin"]);

        await interpreter.WriteLineAsync("hello");
        interpreter.CloseInput();

        Assert.Equal(1, await interpreter.WaitForExitAsync());
        var line = Assert.Single(interpreter.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("does not have the model 'qwen2.5-coder'", line);
        Assert.Contains("Run: ollama pull qwen2.5-coder", line);
    }

    [Fact]
    public async Task An_ollama_model_without_tool_calling_says_how_to_use_it_anyway()
    {
        await using var server = FakeModelServer.Start()
            .When(r => r.Json.TryGetProperty("tools", out _), FakeReply.Error(400, "registry.ollama.ai/library/codellama:latest does not support tools"))
            .WhenLastMessageContains("Code output:", FakeReply.Text("Nine."))
            .Otherwise(FakeReply.Text("```python\nprint(3 * 3)\n```"));
        await using var first = InterpreterProcess.Start(["--model", "ollama/codellama", "--api_base", server.RootUrl, "--stdin"]);
        await first.WriteLineAsync("hello");
        first.CloseInput();

        Assert.Equal(1, await first.WaitForExitAsync());
        var line = Assert.Single(first.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("cannot call tools", line);
        Assert.Contains("--no-llm_supports_functions", line);

        await using var second = InterpreterProcess.Start(["--model", "ollama/codellama", "--api_base", server.RootUrl, "--stdin", "-y", "--no-llm_supports_functions"]);
        await second.WriteLineAsync("hello");
        second.CloseInput();
        Assert.Equal(0, await second.WaitForExitAsync());
        Assert.Contains("Nine.", second.Stdout);
        Assert.Equal("Code output:\n9", server.Requests[^1].LastMessageText.Trim());
    }

    [Fact]
    public async Task An_openai_compatible_local_server_is_reached_by_its_prefix_with_an_api_base()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("Hello from LM Studio."));
        await using var interpreter = InterpreterProcess.Start(["--model", "lmstudio/qwen2.5-7b", "--api_base", server.BaseUrl, "--stdin"]);

        await interpreter.WriteLineAsync("hello");
        interpreter.CloseInput();

        Assert.Equal(0, await interpreter.WaitForExitAsync());
        Assert.Contains("Hello from LM Studio.", interpreter.Stdout);
        Assert.Equal("/v1/chat/completions", server.Requests.Single().Path);
        Assert.Equal("qwen2.5-7b", server.Requests.Single().Json.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Azure_sends_the_deployment_the_api_version_and_the_api_key_header()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("Hello from Azure."));
        await using var interpreter = InterpreterProcess.Start(
            ["--model", "azure/my-gpt4o", "--api_base", server.RootUrl, "--api_version", "2024-06-01", "--api_key", "azure-key-0123456789", "--stdin"]);

        await interpreter.WriteLineAsync("hello");
        interpreter.CloseInput();

        Assert.Equal(0, await interpreter.WaitForExitAsync());
        Assert.Contains("Hello from Azure.", interpreter.Stdout);
        var request = server.Requests.Single();
        Assert.Equal("/openai/deployments/my-gpt4o/chat/completions", request.Path);
        Assert.Equal("?api-version=2024-06-01", request.Query);
        Assert.Equal("azure-key-0123456789", request.Headers["api-key"]);
        Assert.False(request.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task Anthropic_gets_the_temperature_max_tokens_and_the_custom_instructions()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("ok"));
        await using var interpreter = InterpreterProcess.Start(
            ["--model", "claude-3-5-sonnet-latest", "--api_base", server.RootUrl, "--stdin", "-t", "0.7", "-x", "333", "-ci", "Answer in Latin."],
            environment: new Dictionary<string, string> { ["ANTHROPIC_API_KEY"] = AnthropicKey });

        await interpreter.WriteLineAsync("hello");
        interpreter.CloseInput();

        Assert.True(await interpreter.WaitForExitAsync() == 0, interpreter.Stderr);
        var request = server.Requests.Single();
        Assert.Equal(0.7, request.Json.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal(333, request.Json.GetProperty("max_tokens").GetInt32());
        Assert.EndsWith("Answer in Latin.", request.SystemText.Trim());
    }

    [Fact]
    public async Task Ollama_gets_the_temperature_num_predict_num_ctx_and_the_system_message()
    {
        await using var server = FakeModelServer.Start().WithModels(["llama3.1"], tools: true).Otherwise(FakeReply.Text("ok"));
        await using var interpreter = InterpreterProcess.Start(
            ["--model", "ollama/llama3.1", "--stdin", "-t", "0.4", "-x", "222", "-cw", "5000", "-sm", "You are a terse assistant."],
            environment: new Dictionary<string, string> { ["OLLAMA_HOST"] = $"127.0.0.1:{server.Port}" });

        await interpreter.WriteLineAsync("hello");
        interpreter.CloseInput();

        Assert.True(await interpreter.WaitForExitAsync() == 0, interpreter.Stderr);
        var chat = server.Requests.Single(r => r.Path == "/api/chat");
        var options = chat.Json.GetProperty("options");
        Assert.Equal(0.4, options.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal(222, options.GetProperty("num_predict").GetInt32());
        Assert.Equal(5000, options.GetProperty("num_ctx").GetInt32());
        Assert.StartsWith("You are a terse assistant.", RecordedRequest.ContentText(chat.Messages[0]));
        Assert.Equal("system", chat.Messages[0].GetProperty("role").GetString());
    }
}
