using System.Text.Json;
using OpenInterpreter.Cli.Tests.EndToEnd;
using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Cli.Tests.Mcp;

public sealed class McpClientTests
{
    /// <summary>A home whose profile <c>mcp.yaml</c> starts the npm package server-everything over stdio, with <paramref name="more"/> YAML after it.</summary>
    private static string HomeWithEverythingServer(string more = "")
    {
        var home = Directory.CreateTempSubdirectory("oi-home-").FullName;
        var profiles = Directory.CreateDirectory(Path.Combine(home, ".config", "open-interpreter", "profiles")).FullName;
        var server = Path.Combine(ExternalProcess.ClientsDirectory, "node_modules", "@modelcontextprotocol", "server-everything", "dist", "index.js");
        File.WriteAllText(Path.Combine(profiles, "mcp.yaml"), $"""
            mcp_servers:
              everything:
                command: node
                args: ["{server}", "stdio"]
                env:
                  OI_TEST_MARK: "from the profile"
            {more}
            """);
        return home;
    }

    private static FakeModelServer EchoingModel() => FakeModelServer.Start()
        .When(r => r.ToolResults.Count > 0, FakeReply.Text("The server answered."))
        .Otherwise(FakeReply.ToolCall("mcp__everything__echo", "{\"message\": \"hi from the model\"}"));

    [Fact]
    public async Task A_tool_of_an_npm_mcp_server_is_offered_called_and_its_result_sent_back()
    {
        var home = HomeWithEverythingServer();
        await using var model = EchoingModel();
        await using var interpreter = Session.StartAt(home, model, "--profile", "mcp", "--json", "-y", "say hi through the server");

        Assert.Equal(0, await interpreter.WaitForExitAsync(120));
        var offered = model.Requests[0].Json.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString()).ToList();
        Assert.Contains("mcp__everything__echo", offered);
        Assert.Contains("execute", offered);
        Assert.Contains("Echo: hi from the model", model.Requests[^1].ToolResults.Single());
        var outcome = JsonDocument.Parse(interpreter.Stdout.Trim().Split('\n')[^1]).RootElement;
        Assert.Equal("done", outcome.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task A_secret_in_an_mcp_result_is_hidden_from_the_model_as_in_code_output()
    {
        var home = HomeWithEverythingServer();
        await using var model = FakeModelServer.Start()
            .When(r => r.ToolResults.Count > 0, FakeReply.Text("The server answered."))
            .Otherwise(FakeReply.ToolCall("mcp__everything__echo", $"{{\"message\": \"the key is {Session.TestKey}\"}}"));
        await using var interpreter = Session.StartAt(home, model, "--profile", "mcp", "-y", "echo the key");
        interpreter.CloseInput();

        Assert.Equal(0, await interpreter.WaitForExitAsync(120));
        var result = model.Requests[^1].ToolResults.Single();
        Assert.DoesNotContain(Session.TestKey, result);
        Assert.Contains("Echo: the key is [redacted", result);
        Assert.Contains("1 secret hidden from the model", interpreter.Stdout);
    }

    [Fact]
    public async Task Without_auto_run_an_mcp_call_is_not_made_and_the_model_is_told()
    {
        var home = HomeWithEverythingServer();
        await using var model = EchoingModel();
        await using var interpreter = Session.StartAt(home, model, "--profile", "mcp", "--json", "say hi through the server");

        Assert.Equal(0, await interpreter.WaitForExitAsync(120));
        var result = model.Requests[^1].ToolResults.Single();
        Assert.DoesNotContain("Echo:", result);
        Assert.Contains("declined", result, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Percent_mcp_lists_the_servers_and_their_tools()
    {
        var home = HomeWithEverythingServer();
        await using var model = EchoingModel();
        await using var interpreter = Session.StartAt(home, model, "--profile", "mcp");

        await interpreter.WriteLineAsync("%mcp");
        interpreter.CloseInput();

        Assert.Equal(0, await interpreter.WaitForExitAsync(120));
        Assert.Contains("everything (node", interpreter.Stdout);
        Assert.Contains("mcp__everything__echo", interpreter.Stdout);
        Assert.Contains("mcp__everything__get-sum", interpreter.Stdout);
    }

    [Fact]
    public async Task A_server_reached_by_url_over_streamable_http_is_a_tool_source_too()
    {
        var port = FreePort();
        var script = Path.Combine(ExternalProcess.ClientsDirectory, "node_modules", "@modelcontextprotocol", "server-everything", "dist", "index.js");
        var start = new System.Diagnostics.ProcessStartInfo("node", [script, "streamableHttp"]) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var server = System.Diagnostics.Process.Start(start)!;
        try
        {
            var listening = new TaskCompletionSource();
            server.ErrorDataReceived += (_, e) => { if (e.Data?.Contains("listening", StringComparison.OrdinalIgnoreCase) == true) { listening.TrySetResult(); } };
            server.BeginErrorReadLine();
            server.BeginOutputReadLine();
            await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));

            var home = Directory.CreateTempSubdirectory("oi-home-").FullName;
            var profiles = Directory.CreateDirectory(Path.Combine(home, ".config", "open-interpreter", "profiles")).FullName;
            File.WriteAllText(Path.Combine(profiles, "mcp.yaml"), $"""
                mcp_servers:
                  everything:
                    url: "http://127.0.0.1:{port}/mcp"
                    headers:
                      X-Test: "yes"
                """);
            await using var model = EchoingModel();
            await using var interpreter = Session.StartAt(home, model, "--profile", "mcp", "--json", "-y", "say hi through the server");

            Assert.Equal(0, await interpreter.WaitForExitAsync(120));
            Assert.Contains("Echo: hi from the model", model.Requests[^1].ToolResults.Single());
        }
        finally
        {
            server.Kill(entireProcessTree: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    [Fact]
    public async Task A_profile_allow_rule_for_the_server_lets_its_tools_run_without_auto_run()
    {
        var home = HomeWithEverythingServer("""
            permissions:
              allow: ["mcp__everything"]
            """);
        await using var model = EchoingModel();
        await using var interpreter = Session.StartAt(home, model, "--profile", "mcp", "--json", "say hi through the server");

        Assert.Equal(0, await interpreter.WaitForExitAsync(120));
        Assert.Contains("Echo: hi from the model", model.Requests[^1].ToolResults.Single());
    }

    [Fact]
    public async Task A_profile_deny_rule_for_one_tool_holds_under_auto_run_and_says_which_rule()
    {
        var home = HomeWithEverythingServer("""
            permissions:
              allow: ["mcp__everything"]
              deny: ["mcp__everything__echo"]
            """);
        await using var model = EchoingModel();
        await using var interpreter = Session.StartAt(home, model, "--profile", "mcp", "--json", "-y", "say hi through the server");

        Assert.Equal(0, await interpreter.WaitForExitAsync(120));
        var result = model.Requests[^1].ToolResults.Single();
        Assert.DoesNotContain("Echo:", result);
        Assert.Contains("deny mcp__everything__echo", result);
    }

    [Fact]
    public async Task Answering_a_at_an_mcp_call_adds_a_session_rule_that_permissions_lists_and_the_next_call_uses()
    {
        var home = HomeWithEverythingServer();
        await using var model = FakeModelServer.Start()
            .When(r => r.Messages[^1].GetProperty("role").GetString() == "tool", FakeReply.Text("The server answered."))
            .Otherwise(FakeReply.ToolCall("mcp__everything__echo", "{\"message\": \"hi from the model\"}"));
        await using var interpreter = Session.StartAt(home, model, "--profile", "mcp");

        await interpreter.WriteLineAsync("first call");
        await interpreter.WaitForOutputAsync("Call echo on MCP server everything? (y/n/a)", timeoutSeconds: 120);
        await interpreter.WriteLineAsync("a");
        await interpreter.WaitForOutputAsync("The server answered.");
        await interpreter.WriteLineAsync("second call");
        await interpreter.WaitForOutputAsync("The server answered.", occurrence: 2);
        await interpreter.WriteLineAsync("%permissions");
        await interpreter.WaitForOutputAsync("allow mcp__everything__echo");
        interpreter.CloseInput();
        await interpreter.WaitForExitAsync();

        Assert.Equal(1, CountOf(interpreter.Stdout, "(y/n/a)"));
        Assert.Contains("(this session)", interpreter.Stdout);
        Assert.All(model.Requests.Where(r => r.Messages[^1].GetProperty("role").GetString() == "tool"), r => Assert.Contains("Echo: hi from the model", r.ToolResults[^1]));
    }

    [Fact]
    public async Task A_long_mcp_result_is_cut_to_max_output_like_code_output_and_kept_whole_in_a_file()
    {
        var home = HomeWithEverythingServer();
        var message = "start-" + string.Concat(Enumerable.Range(0, 400).Select(i => $"{i:D4}|")) + "-finish";
        await using var model = FakeModelServer.Start()
            .When(r => r.ToolResults.Count > 0, FakeReply.Text("The server answered."))
            .Otherwise(FakeReply.ToolCall("mcp__everything__echo", JsonSerializer.Serialize(new Dictionary<string, string> { ["message"] = message })));
        await using var interpreter = Session.StartAt(home, model, "--profile", "mcp", "--json", "-y", "--max_output", "300", "echo a lot");

        Assert.Equal(0, await interpreter.WaitForExitAsync(120));
        var result = model.Requests[^1].ToolResults.Single();
        Assert.StartsWith("Echo: start-", result);
        Assert.EndsWith("-finish", result);
        var marker = System.Text.RegularExpressions.Regex.Match(result, @"\[\.\.\. ([0-9,]+) characters omitted; the whole output \(([0-9,]+) characters\) is in (\S+) \.\.\.\]");
        Assert.True(marker.Success, result);
        Assert.True(result.Length - marker.Length <= 300 + 4, $"{result.Length - marker.Length} characters besides the marker");
        Assert.Equal("Echo: " + message, File.ReadAllText(marker.Groups[3].Value));
    }

    [Fact]
    public async Task Many_content_items_are_bounded_together_and_an_image_goes_to_the_model_as_an_image()
    {
        var home = HomeWithEverythingServer();
        await using var model = FakeModelServer.Start()
            .When(r => r.ToolResults.Count > 1, FakeReply.Text("The server answered."))
            .When(r => r.ToolResults.Count == 1, FakeReply.ToolCall("mcp__everything__get-tiny-image", "{}"))
            .Otherwise(FakeReply.ToolCall("mcp__everything__get-resource-links", "{\"count\": 10}"));
        await using var interpreter = Session.StartAt(home, model, "--profile", "mcp", "--json", "-y", "--max_output", "400", "list and show");

        Assert.Equal(0, await interpreter.WaitForExitAsync(120));
        var links = model.Requests[^1].ToolResults[0];
        Assert.StartsWith("Here are 10 resource links", links);
        Assert.Contains("characters omitted; the whole output", links);
        Assert.Contains("Resource 10", links);
        Assert.True(links.Length < 400 + 200, links);
        var image = model.Requests[^1].Images.Single();
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], image[..4]);
    }
}
