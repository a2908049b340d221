using System.Text.Json;
using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Cli.Tests.Server;

public sealed class ServerTests
{
    private const string Key = "oi-server-test-key";

    private static FakeModelServer SixTimesSeven() => FakeModelServer.Start()
        .When(r => r.ToolResults.Count > 0 && r.LastMessageText.Contains("42"), FakeReply.Text("It is 42."))
        .WhenLastMessageContains("six times seven", FakeReply.Execute("python", "print(6 * 7)", leadingText: "Let me compute."))
        .Otherwise(FakeReply.Text("Nothing ran."));

    private static Task<ExternalProcess.Result> Curl(params string[] arguments) =>
        ExternalProcess.RunAsync("curl", ["-s", "-w", "\n%{http_code}", .. arguments], timeoutSeconds: 120);

    private static (string Body, int Status) Split(ExternalProcess.Result result)
    {
        var cut = result.Stdout.LastIndexOf('\n');
        return (result.Stdout[..cut], int.Parse(result.Stdout[(cut + 1)..].Trim(), System.Globalization.CultureInfo.InvariantCulture));
    }

    private static List<JsonElement> JsonLines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    [Fact]
    public async Task Curl_sees_the_heartbeat_and_the_settings_and_403_without_the_key()
    {
        await using var model = SixTimesSeven();
        await using var server = await RunningServer.StartAsync(model, apiKey: Key);

        var heartbeat = Split(await Curl($"{server.Url}/heartbeat"));
        Assert.Equal(200, heartbeat.Status);
        Assert.Equal("alive", JsonDocument.Parse(heartbeat.Body).RootElement.GetProperty("status").GetString());

        Assert.Equal(403, Split(await Curl($"{server.Url}/settings/auto_run")).Status);
        Assert.Equal(403, Split(await Curl("-X", "POST", "-H", "X-API-KEY: wrong", "-d", "{\"auto_run\": true}", $"{server.Url}/settings")).Status);

        var before = Split(await Curl("-H", $"X-API-KEY: {Key}", $"{server.Url}/settings/auto_run"));
        Assert.Equal(200, before.Status);
        Assert.False(JsonDocument.Parse(before.Body).RootElement.GetProperty("auto_run").GetBoolean());

        var set = Split(await Curl("-X", "POST", "-H", $"X-API-KEY: {Key}", "-H", "Content-Type: application/json", "-d", "{\"auto_run\": true, \"llm\": {\"temperature\": 0.5}}", $"{server.Url}/settings"));
        Assert.Equal(200, set.Status);
        Assert.True(JsonDocument.Parse(Split(await Curl("-H", $"X-API-KEY: {Key}", $"{server.Url}/settings/auto_run")).Body).RootElement.GetProperty("auto_run").GetBoolean());
        Assert.Equal(0.5, JsonDocument.Parse(Split(await Curl("-H", $"X-API-KEY: {Key}", $"{server.Url}/settings/temperature")).Body).RootElement.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal(404, Split(await Curl("-X", "POST", "-H", $"X-API-KEY: {Key}", "-d", "{\"no_such_setting\": 1}", $"{server.Url}/settings")).Status);
        Assert.DoesNotContain(EndToEnd.Session.TestKey, Split(await Curl("-H", $"X-API-KEY: {Key}", $"{server.Url}/settings/api_key")).Body);

        // Auto-run is on now, so POST / runs the code and streams the chunks as JSON lines.
        var run = Split(await Curl("-X", "POST", "-H", $"X-API-KEY: {Key}", "-d", "{\"role\": \"user\", \"type\": \"message\", \"content\": \"what is six times seven\"}", $"{server.Url}/"));
        Assert.Equal(200, run.Status);
        var chunks = JsonLines(run.Body);
        Assert.Contains(chunks, c => c.GetProperty("type").GetString() == "console" && c.TryGetProperty("content", out var o) && o.GetString()!.Contains("42"));
        Assert.Equal("complete", chunks[^1].GetProperty("content").GetString());
        Assert.Equal(0.5, model.Requests[0].Json.GetProperty("temperature").GetDouble(), 3);
    }

    [Fact]
    public async Task A_non_loopback_host_without_a_key_is_refused_at_start()
    {
        await using var model = SixTimesSeven();
        await using var process = InterpreterProcess.Start(["--api_base", model.BaseUrl, "--api_key", EndToEnd.Session.TestKey, "--server", "--host", "0.0.0.0", "--port", "0"]);

        Assert.Equal(2, await process.WaitForExitAsync());
        Assert.Contains("INTERPRETER_API_KEY", process.Stderr);
        Assert.Single(process.Stderr.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("stream")]
    public async Task The_openai_package_gets_a_reply_that_includes_the_run(string mode)
    {
        await using var model = SixTimesSeven();
        await using var server = await RunningServer.StartAsync(model, Key, "", "-y");

        var result = await ExternalProcess.NodeAsync("openai-chat.mjs", [$"{server.Url}/openai", Key, mode, "what is six times seven"]);

        Assert.True(result.ExitCode == 0, result.Stderr + server.Process.Stderr);
        var reply = JsonDocument.Parse(result.Stdout).RootElement;
        var content = reply.GetProperty("content").GetString()!;
        Assert.Contains("Let me compute.", content);
        Assert.Contains("```python\nprint(6 * 7)\n```", content);
        Assert.Contains("```output\n42", content);
        Assert.EndsWith("It is 42.", content);
        if (mode == "stream")
        {
            Assert.True(reply.GetProperty("chunks").GetInt32() > 3);
        }
        else
        {
            Assert.Equal("stop", reply.GetProperty("finish_reason").GetString());
        }
    }

    [Fact]
    public async Task The_openai_package_is_refused_with_a_wrong_key()
    {
        await using var model = SixTimesSeven();
        await using var server = await RunningServer.StartAsync(model, Key);

        var result = await ExternalProcess.NodeAsync("openai-chat.mjs", [$"{server.Url}/openai", "wrong", "plain", "hello"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("403", result.Stderr);
        Assert.Empty(model.Requests);
    }

    [Fact]
    public async Task A_ws_client_with_the_auth_message_gets_the_chunks_then_complete()
    {
        await using var model = SixTimesSeven();
        await using var server = await RunningServer.StartAsync(model, Key, "", "-y");

        var result = await ExternalProcess.NodeAsync("ws-chat.mjs", [server.WebSocketUrl, "what is six times seven"], new Dictionary<string, string> { ["OI_AUTH"] = Key });

        Assert.True(result.ExitCode == 0, result.Stderr);
        var chunks = JsonLines(result.Stdout);
        Assert.True(chunks[0].GetProperty("auth").GetBoolean(), result.Stdout);
        Assert.Contains("42", result.Stdout);
        Assert.Contains(chunks, c => c.TryGetProperty("type", out var t) && t.GetString() == "console" && c.TryGetProperty("content", out var o) && o.GetString()!.Contains("42"));
        var said = string.Concat(chunks.Where(c => c.TryGetProperty("type", out var t) && t.GetString() == "message" && c.TryGetProperty("content", out _)).Select(c => c.GetProperty("content").GetString()));
        Assert.EndsWith("It is 42.", said);
        Assert.Equal("complete", chunks[^1].GetProperty("content").GetString());
        Assert.Contains("closed 1000", result.Stdout);
    }

    [Fact]
    public async Task A_ws_client_without_the_auth_message_is_refused_and_closed()
    {
        await using var model = SixTimesSeven();
        await using var server = await RunningServer.StartAsync(model, Key, "", "-y");

        var result = await ExternalProcess.NodeAsync("ws-chat.mjs", [server.WebSocketUrl, "what is six times seven"]);

        Assert.Contains("Invalid or missing API key", result.Stdout);
        Assert.Contains("closed 1008", result.Stdout);
        Assert.Empty(model.Requests);
    }

    [Fact]
    public async Task Without_auto_run_the_code_waits_for_yes()
    {
        await using var model = SixTimesSeven();
        await using var server = await RunningServer.StartAsync(model);

        var result = await ExternalProcess.NodeAsync("ws-chat.mjs", [server.WebSocketUrl, "what is six times seven", "yes"]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var chunks = JsonLines(result.Stdout);
        var confirmation = chunks.FindIndex(c => c.GetProperty("type").GetString() == "confirmation");
        Assert.True(confirmation >= 0, result.Stdout);
        Assert.Equal("print(6 * 7)", chunks[confirmation].GetProperty("content").GetString());
        var firstComplete = chunks.FindIndex(c => c.TryGetProperty("content", out var s) && s.GetString() == "complete");
        Assert.True(firstComplete > confirmation);
        Assert.DoesNotContain(chunks[..firstComplete], c => c.GetProperty("type").GetString() == "console");
        var output = chunks.FindIndex(c => c.GetProperty("type").GetString() == "console" && c.TryGetProperty("content", out var o) && o.GetString()!.Contains("42"));
        Assert.True(output > firstComplete, result.Stdout);
        Assert.Contains("42", model.Requests[^1].ToolResults.Single());
    }

    private static FakeModelServer TwoSums() => FakeModelServer.Start()
        .When(r => r.ToolResults.Count > 0 && r.LastMessageText.Contains("never mind"), FakeReply.Text("Fine."))
        .When(r => r.ToolResults.Count > 0, FakeReply.Text("Both done."))
        .WhenLastMessageContains("two sums", FakeReply.ExecuteAll(("python", "print(6 * 7)"), ("python", "print(7 * 8)")));

    [Fact]
    public async Task A_reply_with_two_calls_asks_for_each_in_turn_and_loses_neither()
    {
        await using var model = TwoSums();
        await using var server = await RunningServer.StartAsync(model);

        var result = await ExternalProcess.NodeAsync("ws-chat.mjs", [server.WebSocketUrl, "two sums", "yes", "yes"]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var confirmations = JsonLines(result.Stdout).Where(c => c.GetProperty("type").GetString() == "confirmation").Select(c => c.GetProperty("content").GetString()).ToList();
        Assert.True(confirmations.Count == 2, result.Stdout + "\n--- server stdout:\n" + server.Process.Stdout + "\n--- server stderr:\n" + server.Process.Stderr);
        Assert.Equal(["print(6 * 7)", "print(7 * 8)"], confirmations);
        // The model was asked again only once both had run, and saw both results.
        Assert.Equal(2, model.Requests.Count);
        Assert.Equal(["42", "56"], model.Requests[^1].ToolResults.Select(r => r.Trim()));
    }

    [Fact]
    public async Task When_the_first_of_two_calls_is_declined_the_model_is_told_neither_ran()
    {
        await using var model = TwoSums();
        await using var server = await RunningServer.StartAsync(model);

        var result = await ExternalProcess.NodeAsync("ws-chat.mjs", [server.WebSocketUrl, "two sums", "never mind"]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var results = model.Requests[^1].ToolResults;
        Assert.Equal(2, results.Count);
        Assert.Contains("declined", results[0]);
        Assert.Contains("Not run: an earlier call of the same reply waited for the user's yes", results[1]);
    }

    [Fact]
    public async Task Auto_run_on_in_a_message_runs_the_code()
    {
        await using var model = SixTimesSeven();
        await using var server = await RunningServer.StartAsync(model);

        var result = await ExternalProcess.NodeAsync("ws-chat.mjs", [server.WebSocketUrl, "{AUTO_RUN_ON} what is six times seven"]);

        var chunks = JsonLines(result.Stdout);
        Assert.DoesNotContain(chunks, c => c.GetProperty("type").GetString() == "confirmation");
        Assert.Contains(chunks, c => c.GetProperty("type").GetString() == "console" && c.TryGetProperty("content", out var o) && o.GetString()!.Contains("42"));
        Assert.DoesNotContain("AUTO_RUN", model.Requests[0].Body);
    }

    [Fact]
    public async Task A_dropped_client_stops_its_run_and_two_clients_have_their_own_conversations()
    {
        var work = Directory.CreateTempSubdirectory("oi-server-").FullName;
        await using var model = FakeModelServer.Start()
            .WhenLastMessageContains("sleep", FakeReply.Execute("python", "import os, time\nopen('pid', 'w').write(str(os.getpid()))\nprint('zzz' + '-asleep', flush=True)\ntime.sleep(600)"))
            .WhenLastMessageContains("remember", FakeReply.Execute("python", "secret = 'first client'\nprint('kept')"))
            .WhenLastMessageContains("recall", FakeReply.Execute("python", "print(globals().get('secret', 'nothing here'))"))
            .Otherwise(FakeReply.Text("done"));
        await using var server = await RunningServer.StartAsync(model, null, work, "-y");

        var dropped = await ExternalProcess.NodeAsync("ws-chat.mjs", [server.WebSocketUrl, "sleep"], new Dictionary<string, string> { ["DROP_AFTER"] = "zzz-asleep" });
        Assert.Contains("zzz-asleep", dropped.Stdout);
        var pid = int.Parse(await File.ReadAllTextAsync(Path.Combine(work, "pid")), System.Globalization.CultureInfo.InvariantCulture);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Directory.Exists($"/proc/{pid}") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.False(Directory.Exists($"/proc/{pid}"), "the dropped client's run was not stopped");

        var first = await ExternalProcess.NodeAsync("ws-chat.mjs", [server.WebSocketUrl, "remember"]);
        Assert.Contains("kept", first.Stdout);
        var second = await ExternalProcess.NodeAsync("ws-chat.mjs", [server.WebSocketUrl, "recall"]);
        Assert.Contains("nothing here", second.Stdout);
    }

    [Fact]
    public async Task With_a_shared_conversation_the_second_client_sees_what_the_first_left()
    {
        await using var model = FakeModelServer.Start()
            .WhenLastMessageContains("remember", FakeReply.Execute("python", "secret = 'first client'\nprint('kept')"))
            .WhenLastMessageContains("recall", FakeReply.Execute("python", "print(globals().get('secret', 'nothing here'))"))
            .Otherwise(FakeReply.Text("done"));
        await using var server = await RunningServer.StartWithEnvironmentAsync(model, new Dictionary<string, string> { ["INTERPRETER_SHARED_CONVERSATION"] = "true" }, null, "", "-y");

        Assert.Contains("kept", (await ExternalProcess.NodeAsync("ws-chat.mjs", [server.WebSocketUrl, "remember"])).Stdout);
        var second = await ExternalProcess.NodeAsync("ws-chat.mjs", [server.WebSocketUrl, "recall"]);

        Assert.Contains("first client", second.Stdout);
    }

    [Fact]
    public async Task Without_auto_run_an_edit_waits_for_yes_like_code()
    {
        var work = Directory.CreateTempSubdirectory("oi-server-edit-").FullName;
        File.WriteAllText(Path.Combine(work, "notes.txt"), "old line\n");
        await using var model = FakeModelServer.Start()
            .When(r => r.ToolResults.Count > 0, FakeReply.Text("Edited."))
            .Otherwise(FakeReply.ToolCall("str_replace_editor", JsonSerializer.Serialize(new Dictionary<string, string> { ["command"] = "str_replace", ["path"] = "notes.txt", ["old_str"] = "old line", ["new_str"] = "new line" })));
        await using var server = await RunningServer.StartAsync(model, null, work);

        var result = await ExternalProcess.NodeAsync("ws-chat.mjs", [server.WebSocketUrl, "change the notes", "yes"], new Dictionary<string, string> { ["CHECK_FILE"] = Path.Combine(work, "notes.txt") });

        Assert.True(result.ExitCode == 0, result.Stderr);
        var chunks = JsonLines(result.Stdout);
        var confirmation = chunks.FindIndex(c => c.TryGetProperty("type", out var t) && t.GetString() == "confirmation");
        Assert.True(confirmation >= 0, result.Stdout);
        Assert.Equal("str_replace_editor", chunks[confirmation].GetProperty("format").GetString());
        Assert.Equal("Edit notes.txt?", chunks[confirmation].GetProperty("content").GetString());
        // What the file held when the first answer was complete, before the "yes" (ws-chat.mjs reads it then).
        Assert.Contains("file before the next message: old line", result.Stdout);
        Assert.Equal("new line\n", File.ReadAllText(Path.Combine(work, "notes.txt")));
        Assert.Equal(2, model.Requests.Count);
        Assert.Single(model.Requests[^1].ToolResults);
        Assert.DoesNotContain("declined", model.Requests[^1].ToolResults.Single(), StringComparison.OrdinalIgnoreCase);
        var said = string.Concat(chunks.Where(c => c.TryGetProperty("type", out var t) && t.GetString() == "message" && c.TryGetProperty("content", out _)).Select(c => c.GetProperty("content").GetString()));
        Assert.EndsWith("Edited.", said);
    }

    [Fact]
    public async Task Without_auto_run_an_mcp_call_waits_and_another_message_declines_it()
    {
        var home = Directory.CreateTempSubdirectory("oi-home-").FullName;
        var profiles = Directory.CreateDirectory(Path.Combine(home, ".config", "open-interpreter", "profiles")).FullName;
        var everything = Path.Combine(ExternalProcess.ClientsDirectory, "node_modules", "@modelcontextprotocol", "server-everything", "dist", "index.js");
        File.WriteAllText(Path.Combine(profiles, "mcp.yaml"), $$"""
            mcp_servers:
              everything: {command: node, args: ["{{everything}}", "stdio"]}
            """);
        await using var model = FakeModelServer.Start()
            .When(r => r.ToolResults.Count > 0, FakeReply.Text("Understood."))
            .Otherwise(FakeReply.ToolCall("mcp__everything__echo", "{\"message\": \"hi\"}"));
        var environment = new Dictionary<string, string> { ["HOME"] = home, ["XDG_CONFIG_HOME"] = Path.Combine(home, ".config"), ["XDG_CACHE_HOME"] = Path.Combine(home, ".cache") };
        await using var server = await RunningServer.StartWithEnvironmentAsync(model, environment, null, "", "--profile", "mcp");

        var result = await ExternalProcess.NodeAsync("ws-chat.mjs", [server.WebSocketUrl, "say hi", "never mind, stop"]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var confirmation = JsonLines(result.Stdout).Single(c => c.TryGetProperty("type", out var t) && t.GetString() == "confirmation");
        Assert.Equal("mcp__everything__echo", confirmation.GetProperty("format").GetString());
        Assert.Equal("Call echo on MCP server everything?", confirmation.GetProperty("content").GetString());
        Assert.Equal(2, model.Requests.Count);
        var declined = model.Requests[^1].ToolResults.Single();
        Assert.Contains("declined the call to mcp__everything__echo", declined);
        Assert.DoesNotContain("Echo:", declined);
        Assert.Equal("never mind, stop", model.Requests[^1].LastMessageText);
    }

    [Fact]
    public async Task Posting_a_sandbox_it_cannot_take_is_refused_with_the_way_to_get_it()
    {
        await using var model = SixTimesSeven();
        await using var server = await RunningServer.StartAsync(model);

        foreach (var body in new[] { "{\"sandbox\": \"read-only\"}", "{\"safe_mode\": \"auto\"}", "{\"sandbox_network\": true}" })
        {
            var refused = Split(await Curl("-X", "POST", "-H", "Content-Type: application/json", "-d", body, $"{server.Url}/settings"));
            Assert.Equal(400, refused.Status);
            Assert.Equal(
                "The sandbox is set when the server starts (now off); POST /settings cannot change it. Restart the server with --sandbox (and --sandbox_network) as wanted.",
                JsonDocument.Parse(refused.Body).RootElement.GetProperty("error").GetString());
        }

        // Nothing of a refused post is kept: the danger check's mode is still ask.
        Assert.Equal("ask", JsonDocument.Parse(Split(await Curl($"{server.Url}/settings/safe_mode")).Body).RootElement.GetProperty("safe_mode").GetString());
    }

    [Fact]
    public async Task Display_settings_are_warned_about_at_start_and_refused_by_post_settings()
    {
        var profile = Path.Combine(Directory.CreateTempSubdirectory("oi-server-profile-").FullName, "spoken.yaml");
        await File.WriteAllTextAsync(profile, "auto_run: true\nspeak_messages: true\n");
        await using var model = SixTimesSeven();
        await using var server = await RunningServer.StartAsync(model, null, "", "--profile", profile);
        Assert.Equal($"interpreter: warning: {profile}:2:1: speak_messages reads the answers aloud at the terminal, and --server hands them to another program; ignored.\n", server.Process.Stderr);

        var refusals = new Dictionary<string, string>
        {
            ["{\"multi_line\": true}"] = "multi_line lets a line of ``` open a multi-line message at the terminal's prompt, and --server has no prompt, so POST /settings does not take it. Leave multi_line out of the settings posted.",
            ["{\"highlight_active_line\": false, \"auto_run\": false}"] = "highlight_active_line: false stops the terminal marking the line that runs, and --server shows nothing itself, so POST /settings does not take it. Leave highlight_active_line out of the settings posted.",
        };
        foreach (var (body, error) in refusals)
        {
            var refused = Split(await Curl("-X", "POST", "-H", "Content-Type: application/json", "-d", body, $"{server.Url}/settings"));
            Assert.Equal(400, refused.Status);
            Assert.Equal(error, JsonDocument.Parse(refused.Body).RootElement.GetProperty("error").GetString());
        }

        // Nothing of a refused post is kept (auto-run is still on), and the server answers as before.
        Assert.True(JsonDocument.Parse(Split(await Curl($"{server.Url}/settings/auto_run")).Body).RootElement.GetProperty("auto_run").GetBoolean());
        var answer = Split(await Curl("-X", "POST", "-H", "Content-Type: application/json", "-d", "{\"role\": \"user\", \"type\": \"message\", \"content\": \"what is six times seven\"}", server.Url + "/"));
        Assert.Equal(200, answer.Status);
        Assert.Contains("It is 42.", string.Concat(JsonLines(answer.Body).Where(c => c.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String).Select(c => c.GetProperty("content").GetString())));
    }
}
