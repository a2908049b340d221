using System.Text.Json;
using Xunit;

namespace OpenInterpreter.Cli.Tests.Mcp;

public sealed class McpServerTests
{
    /// <summary>Runs the MCP SDK client against <c>interpreter --mcp</c> with <paramref name="flags"/>, making <paramref name="calls"/>.</summary>
    private static async Task<JsonElement> ClientAsync(string work, string home, string[] flags, string calls) =>
        (await ClientWithStderrAsync(work, home, flags, calls)).Reply;

    /// <summary>As <see cref="ClientAsync"/>, with what the server wrote on stderr (the SDK client passes it through).</summary>
    private static async Task<(JsonElement Reply, string Stderr)> ClientWithStderrAsync(string work, string home, string[] flags, string calls)
    {
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["XDG_CONFIG_HOME"] = Path.Combine(home, ".config"),
            ["XDG_CACHE_HOME"] = Path.Combine(home, ".cache"),
            ["DOTNET_NOLOGO"] = "1",
        };
        var result = await ExternalProcess.RunAsync(
            "node",
            [Path.Combine(ExternalProcess.ClientsDirectory, "mcp-client.mjs"), "dotnet", Path.Combine(AppContext.BaseDirectory, "interpreter.dll"), "--mcp", .. flags, "--", calls],
            environment,
            workingDirectory: work);
        Assert.True(result.ExitCode == 0, $"{result.Stdout}\n{result.Stderr}");
        return (JsonDocument.Parse(result.Stdout).RootElement.Clone(), result.Stderr);
    }

    private static string Text(JsonElement result) => string.Concat(result.GetProperty("content").EnumerateArray().Where(c => c.GetProperty("type").GetString() == "text").Select(c => c.GetProperty("text").GetString()));

    [Fact]
    public async Task The_mcp_sdk_lists_the_tools_and_runs_code_in_a_stateful_session()
    {
        var work = Directory.CreateTempSubdirectory("oi-mcp-").FullName;
        var home = Directory.CreateTempSubdirectory("oi-home-").FullName;
        var calls = """
            [{"name": "execute", "arguments": {"language": "python", "code": "x = 21"}},
             {"name": "execute", "arguments": {"language": "python", "code": "print(x * 2)"}},
             {"name": "str_replace_editor", "arguments": {"command": "create", "path": "notes.txt", "file_text": "hello from mcp\n"}},
             {"name": "str_replace_editor", "arguments": {"command": "view", "path": "notes.txt"}},
             {"name": "execute", "arguments": {"language": "cobol", "code": "DISPLAY 1"}}]
            """;

        var reply = await ClientAsync(work, home, ["-y"], calls);

        Assert.Equal("open-interpreter", reply.GetProperty("server").GetProperty("name").GetString());
        var tools = reply.GetProperty("tools").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        Assert.Contains("execute", tools.Keys);
        Assert.Contains("str_replace_editor", tools.Keys);
        Assert.Contains("python", tools["execute"].GetProperty("inputSchema").GetProperty("properties").GetProperty("language").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));

        var results = reply.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal("42", Text(results[1]).Trim());
        Assert.False(results[1].GetProperty("isError").GetBoolean());
        Assert.Equal("hello from mcp\n", await File.ReadAllTextAsync(Path.Combine(work, "notes.txt")));
        Assert.Contains("hello from mcp", Text(results[3]));
        Assert.Contains("not enabled", Text(results[4]));
        Assert.True(results[4].GetProperty("isError").GetBoolean());
    }

    [Fact]
    public async Task Without_auto_run_the_mcp_server_refuses_to_run_code()
    {
        var work = Directory.CreateTempSubdirectory("oi-mcp-").FullName;
        var home = Directory.CreateTempSubdirectory("oi-home-").FullName;
        var reply = await ClientAsync(work, home, [], """[{"name": "execute", "arguments": {"language": "shell", "code": "touch ran.txt"}}]""");

        var result = reply.GetProperty("results")[0];
        Assert.True(result.GetProperty("isError").GetBoolean());
        Assert.Contains("-y", Text(result));
        Assert.False(File.Exists(Path.Combine(work, "ran.txt")));
    }

    [Fact]
    public async Task Requests_in_flight_are_answered_when_the_client_closes_its_input()
    {
        await using var process = InterpreterProcess.Start(["--mcp", "-y"]);
        await process.WriteLineAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"pipe","version":"1"}}}""");
        await process.WriteLineAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"execute","arguments":{"language":"python","code":"print(6 * 7)"}}}""");
        await process.WriteLineAsync("""{"jsonrpc":"2.0","id":3,"method":"no/such/method"}""");
        process.CloseInput();

        Assert.Equal(0, await process.WaitForExitAsync(120));
        var answers = process.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToDictionary(a => a.GetProperty("id").GetInt32());
        Assert.Equal("42", Text(answers[2].GetProperty("result")).Trim());
        Assert.Equal(-32601, answers[3].GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Profile_settings_the_mcp_server_does_not_use_are_warned_about_and_the_tools_still_work()
    {
        var work = Directory.CreateTempSubdirectory("oi-mcp-").FullName;
        var home = Directory.CreateTempSubdirectory("oi-home-").FullName;
        var profile = Path.Combine(home, "other.yaml");
        await File.WriteAllTextAsync(profile, """
            llm:
              model: "claude-sonnet-4-5"
              temperature: 0.5
            custom_instructions: "Be brief."
            tools: ["interpreter"]
            os: true
            multi_line: true
            mcp_servers:
              everything:
                command: "npx"
                args: ["-y", "@modelcontextprotocol/server-everything"]
            """);

        var (reply, stderr) = await ClientWithStderrAsync(work, home, ["-y", "--profile", profile], """[{"name": "execute", "arguments": {"language": "python", "code": "print(6 * 7)"}}]""");

        Assert.Equal(
            [
                $"interpreter: warning: {profile}:5:1: tools chooses the tools offered to this program's model, and --mcp always serves execute and str_replace_editor; ignored.",
                $"interpreter: warning: {profile}:6:1: os gives this program's model the screen, mouse and keyboard, and --mcp always serves execute and str_replace_editor; ignored.",
                $"interpreter: warning: {profile}:7:1: multi_line lets a line of ``` open a multi-line message at the terminal's prompt, and --mcp has no prompt; ignored.",
                $"interpreter: warning: {profile}:8:1: mcp_servers offers other servers' tools to this program's model, and --mcp calls none: it serves the tools to another program's model; ignored.",
                $"interpreter: warning: llm.model ({profile}:2:3), llm.temperature ({profile}:3:3), custom_instructions ({profile}:4:1): these are settings for the model this program calls, and --mcp calls none: it serves the tools to another program's model; ignored.",
            ],
            stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        // What --mcp does use still acts: -y runs the code.
        Assert.Equal(["execute", "str_replace_editor"], reply.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.Equal("42", Text(reply.GetProperty("results")[0]).Trim());
    }
}
