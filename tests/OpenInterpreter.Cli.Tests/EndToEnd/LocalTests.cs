using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Cli.Tests.EndToEnd;

/// <summary><c>--local</c> against fake local servers; <c>OI_LOCAL_PORTS</c> points the probe at them.</summary>
public sealed class LocalTests
{
    [Fact]
    public async Task Local_finds_ollama_prefers_code_llama_and_uses_the_local_defaults()
    {
        await using var ollama = FakeModelServer.Start()
            .WithModels(["llama3.1:8b", "codellama:7b"], tools: false)
            .WhenLastMessageContains("hello", FakeReply.Text("```python\nprint('local ' + str(40 + 2))\n```"))
            .WhenLastMessageContains("Code output:", FakeReply.Text("Done locally."));
        await using var interpreter = InterpreterProcess.Start(
            ["--local", "--stdin", "-y"],
            environment: new Dictionary<string, string> { ["OI_LOCAL_PORTS"] = $"ollama={ollama.Port},lmstudio={UnusedPort()}" });

        await interpreter.WriteLineAsync("hello");
        interpreter.CloseInput();

        Assert.Equal(0, await interpreter.WaitForExitAsync());
        Assert.Contains("Using ollama/codellama:7b", interpreter.Stderr);
        var chats = ollama.Requests.Where(r => r.Path == "/api/chat").ToList();
        Assert.Equal("codellama:7b", chats[0].Json.GetProperty("model").GetString());
        Assert.Equal(1000, chats[0].Json.GetProperty("options").GetProperty("num_predict").GetInt32());
        Assert.False(chats[0].Json.TryGetProperty("tools", out _));
        Assert.Equal("Code output:\nlocal 42", chats[^1].LastMessageText.Trim());
    }

    [Fact]
    public async Task Local_offers_tool_calling_when_ollama_says_the_model_can()
    {
        await using var ollama = FakeModelServer.Start()
            .WithModels(["qwen2.5-coder:7b"], tools: true)
            .Otherwise(FakeReply.Text("hi"));
        await using var interpreter = InterpreterProcess.Start(
            ["--local", "--stdin"],
            environment: new Dictionary<string, string> { ["OI_LOCAL_PORTS"] = $"ollama={ollama.Port}" });

        await interpreter.WriteLineAsync("hello");
        interpreter.CloseInput();

        Assert.True(await interpreter.WaitForExitAsync() == 0, interpreter.Stderr);
        var chat = ollama.Requests.Single(r => r.Path == "/api/chat");
        Assert.Equal("execute", chat.Json.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Local_finds_lm_studio_through_its_openai_compatible_models_list()
    {
        await using var lmStudio = FakeModelServer.Start()
            .WithModels(["qwen2.5-7b-instruct"])
            .Otherwise(FakeReply.Text("Hello from LM Studio."));
        await using var interpreter = InterpreterProcess.Start(
            ["--local", "--stdin"],
            environment: new Dictionary<string, string> { ["OI_LOCAL_PORTS"] = $"ollama={UnusedPort()},lmstudio={lmStudio.Port},jan={UnusedPort()}" });

        await interpreter.WriteLineAsync("hello");
        interpreter.CloseInput();

        Assert.Equal(0, await interpreter.WaitForExitAsync());
        Assert.Contains("Hello from LM Studio.", interpreter.Stdout);
        var chat = lmStudio.Requests.Single(r => r.Path == "/v1/chat/completions");
        Assert.Equal("qwen2.5-7b-instruct", chat.Json.GetProperty("model").GetString());
        Assert.False(chat.Json.TryGetProperty("tools", out _));
        Assert.Contains("fenced code block", chat.SystemText);
    }

    [Fact]
    public async Task Local_with_nothing_running_fails_quickly_with_one_line()
    {
        // One port refuses, one accepts connections but never answers: both must be given up on quickly.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var silentPort = ((IPEndPoint)silent.LocalEndpoint).Port;
        var clock = Stopwatch.StartNew();
        await using var interpreter = InterpreterProcess.Start(
            ["--local", "--stdin"],
            environment: new Dictionary<string, string> { ["OI_LOCAL_PORTS"] = $"ollama={UnusedPort()},lmstudio={silentPort},jan={UnusedPort()},llamacpp={UnusedPort()}" });

        await interpreter.WriteLineAsync("hello");
        interpreter.CloseInput();

        Assert.Equal(1, await interpreter.WaitForExitAsync());
        // The silent port costs the probe's 2 s time-out; the rest is the program's start on a loaded machine.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"took {clock.Elapsed}");
        var line = Assert.Single(interpreter.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("No local model server is running", line);
        Assert.Contains("has no .gguf file", line);
        Assert.Contains("Ollama (11434)", line);
    }

    [Fact]
    public async Task The_local_choice_is_remembered_in_the_local_profile_and_used_next_time()
    {
        var home = Directory.CreateTempSubdirectory("oi-local-home-").FullName;
        try
        {
            await using (var first = FakeModelServer.Start().WithModels(["llama3.1:8b"], tools: false).Otherwise(FakeReply.Text("one")))
            {
                await RunLocalAsync(first, home);
            }

            var profile = File.ReadAllText(Path.Combine(home, ".config", "open-interpreter", "profiles", "local.yaml"));
            Assert.Contains("model: \"ollama/llama3.1:8b\"", profile);
            Assert.Contains("context_window: 3000", profile);

            // Now a Code Llama model is there too, which would come first; the remembered model still wins.
            await using var second = FakeModelServer.Start().WithModels(["codellama:7b", "llama3.1:8b"], tools: false).Otherwise(FakeReply.Text("two"));
            await RunLocalAsync(second, home);
            Assert.Equal("llama3.1:8b", second.Requests.Single(r => r.Path == "/api/chat").Json.GetProperty("model").GetString());
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private static async Task RunLocalAsync(FakeModelServer ollama, string home)
    {
        await using var interpreter = InterpreterProcess.Start(
            ["--local", "--stdin"],
            environment: new Dictionary<string, string> { ["OI_LOCAL_PORTS"] = $"ollama={ollama.Port},lmstudio={UnusedPort()}" },
            home: home);
        await interpreter.WriteLineAsync("hello");
        interpreter.CloseInput();
        Assert.True(await interpreter.WaitForExitAsync() == 0, interpreter.Stderr);
    }

    private static int UnusedPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    [Fact]
    public async Task Local_under_json_uses_the_local_server_it_finds()
    {
        await using var ollama = FakeModelServer.Start()
            .WithModels(["codellama:7b"], tools: false)
            .Otherwise(FakeReply.Text("Hello from the local model."));
        await using var interpreter = InterpreterProcess.Start(
            ["--local", "--json", "hello"],
            environment: new Dictionary<string, string> { ["OI_LOCAL_PORTS"] = $"ollama={ollama.Port}" });

        Assert.True(await interpreter.WaitForExitAsync() == 0, interpreter.Stderr);
        Assert.Contains("Using ollama/codellama:7b", interpreter.Stderr);
        var chat = ollama.Requests.Single(r => r.Path == "/api/chat");
        Assert.Equal("codellama:7b", chat.Json.GetProperty("model").GetString());
        Assert.Equal(1000, chat.Json.GetProperty("options").GetProperty("num_predict").GetInt32());
        var text = string.Concat(interpreter.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement)
            .Where(chunk => chunk.GetProperty("type").GetString() == "message" && chunk.TryGetProperty("content", out _))
            .Select(chunk => chunk.GetProperty("content").GetString()));
        Assert.Equal("Hello from the local model.", text);
    }
}
