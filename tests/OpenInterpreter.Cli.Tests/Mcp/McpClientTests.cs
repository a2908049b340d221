using System.Text.Json;
using OpenInterpreter.Cli.Tests.EndToEnd;
using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Cli.Tests.Mcp;

public sealed class McpClientTests
{
    /// <summary>A home whose profile <c>mcp.yaml</c> starts the npm package server-everything over stdio.</summary>
    private static string HomeWithEverythingServer()
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
}
