using System.Text.Json;
using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Cli.Tests.EndToEnd;

public sealed class JsonModeTests
{
    /// <summary>Every line of stdout, parsed; a line that is not JSON fails the test here.</summary>
    private static List<JsonElement> Lines(string stdout) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();

    [Fact]
    public async Task Json_writes_every_chunk_as_a_line_then_the_outcome()
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("six times seven", FakeReply.Execute("python", "print(6 * 7)", leadingText: "Let me compute."))
            .When(r => r.ToolResults.Count > 0, FakeReply.Text("It is 42."));
        await using var interpreter = Session.Start(server, "--json", "-y", "what", "is", "six times seven");

        Assert.Equal(0, await interpreter.WaitForExitAsync());
        var lines = Lines(interpreter.Stdout);
        var chunks = lines[..^1];
        Assert.All(chunks, c => Assert.True(c.TryGetProperty("role", out _)));
        string Content(string type) => string.Concat(chunks.Where(c => c.GetProperty("type").GetString() == type && c.TryGetProperty("content", out _)).Select(c => c.GetProperty("content").GetString()));
        Assert.Equal("print(6 * 7)", Content("code"));
        var output = Content("console");
        Assert.Contains("42", output);
        Assert.Contains(chunks, c => c.GetProperty("type").GetString() == "message" && c.TryGetProperty("start", out var start) && start.GetBoolean());

        var outcome = lines[^1];
        Assert.Equal("outcome", outcome.GetProperty("type").GetString());
        Assert.Equal("done", outcome.GetProperty("outcome").GetString());
        Assert.Equal(0, outcome.GetProperty("exit_code").GetInt32());
        Assert.True(outcome.GetProperty("tokens").GetProperty("input").GetInt64() > 0);
        Assert.True(outcome.GetProperty("tokens").GetProperty("output").GetInt64() > 0);
        Assert.True(outcome.GetProperty("cost_usd").GetDecimal() > 0);
        var saved = outcome.GetProperty("conversation").GetString();
        Assert.True(File.Exists(saved), $"conversation file {saved}");
        Assert.Contains("It is 42.", await File.ReadAllTextAsync(saved!));
        Assert.Contains("42", server.Requests.Last().ToolResults.Single());
    }

    [Fact]
    public async Task Json_output_chunks_name_their_stream_and_the_end_of_a_failed_run_says_why()
    {
        await using var server = FakeModelServer.Start()
            .When(r => r.ToolResults.Count > 0, FakeReply.Text("It failed."))
            .Otherwise(FakeReply.Execute("shell", "echo out-line; echo err-line >&2; (exit 3)"));
        await using var interpreter = Session.Start(server, "--json", "-y", "run it");

        Assert.Equal(0, await interpreter.WaitForExitAsync());
        var output = Lines(interpreter.Stdout).Where(c => c.TryGetProperty("format", out var f) && f.GetString() == "output").ToList();
        string? Stream(string text) => output.Single(c => c.TryGetProperty("content", out var content) && content.GetString()!.Contains(text, StringComparison.Ordinal)).GetProperty("stream").GetString();
        Assert.Equal("stdout", Stream("out-line"));
        Assert.Equal("stderr", Stream("err-line"));
        var run = output.Single(c => c.TryGetProperty("end", out _)).GetProperty("run");
        Assert.Equal("failed", run.GetProperty("status").GetString());
        Assert.Equal("exit status 3", run.GetProperty("error").GetString());
        Assert.False(run.TryGetProperty("full_output", out _));
    }

    [Fact]
    public async Task Json_reads_the_message_from_stdin_and_without_auto_run_runs_nothing()
    {
        var work = Directory.CreateTempSubdirectory("oi-json-").FullName;
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("make a file", FakeReply.Execute("shell", "touch created.txt"))
            .Otherwise(FakeReply.Text("I could not run it."));
        await using var interpreter = Session.StartIn(work, server, "--json", "--stdin");

        await interpreter.WriteLineAsync("make a file");
        interpreter.CloseInput();

        Assert.Equal(0, await interpreter.WaitForExitAsync());
        Assert.False(File.Exists(Path.Combine(work, "created.txt")));
        Assert.Contains("auto-run is off", server.Requests.Last().ToolResults.Single());
        Assert.Equal("done", Lines(interpreter.Stdout)[^1].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Json_reports_a_model_failure_as_failed_with_exit_code_1()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Error(401, "Incorrect API key provided", "invalid_api_key"));
        await using var interpreter = Session.Start(server, "--json", "hello");

        Assert.Equal(1, await interpreter.WaitForExitAsync());
        var outcome = Lines(interpreter.Stdout).Single();
        Assert.Equal("failed", outcome.GetProperty("outcome").GetString());
        Assert.Equal(1, outcome.GetProperty("exit_code").GetInt32());
        Assert.False(string.IsNullOrEmpty(outcome.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task Json_reports_ctrl_c_as_interrupted_with_exit_code_130()
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("wait", FakeReply.Execute("python", "import time\nprint('started', flush=True)\ntime.sleep(600)"))
            .Otherwise(FakeReply.Text("stopped"));
        await using var interpreter = Session.Start(server, "--json", "-y", "wait");

        await interpreter.WaitForOutputAsync("started", timeoutSeconds: 60);
        interpreter.Interrupt();

        Assert.Equal(130, await interpreter.WaitForExitAsync());
        Assert.Equal("interrupted", Lines(interpreter.Stdout)[^1].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Json_without_a_message_is_a_usage_error()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("ok"));
        await using var interpreter = Session.Start(server, "--json");
        interpreter.CloseInput();

        Assert.Equal(2, await interpreter.WaitForExitAsync());
        Assert.Contains("--json", interpreter.Stderr);
        Assert.Equal("", interpreter.Stdout);
    }

    [Fact]
    public async Task Max_turns_stops_a_model_that_never_stops_calling_tools()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Execute("python", "print('again')"));
        await using var interpreter = Session.Start(server, "--json", "-y", "--max_turns", "2", "loop forever");

        Assert.Equal(1, await interpreter.WaitForExitAsync());
        Assert.Equal(2, server.Requests.Count);
        var outcome = Lines(interpreter.Stdout)[^1];
        Assert.Equal("failed", outcome.GetProperty("outcome").GetString());
        Assert.Contains("max_turns", outcome.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Json_keeps_the_conversation_out_of_the_folder_when_conversation_history_is_off()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("ok"));
        var home = Directory.CreateTempSubdirectory("oi-json-history-").FullName;
        var profiles = Directory.CreateDirectory(Path.Combine(home, ".config", "open-interpreter", "profiles")).FullName;
        File.WriteAllText(Path.Combine(profiles, "private.yaml"), "conversation_history: false\n");

        await using var interpreter = Session.StartAt(home, server, "--json", "--profile", "private", "hello");

        Assert.Equal(0, await interpreter.WaitForExitAsync());
        Assert.Equal(JsonValueKind.Null, Lines(interpreter.Stdout)[^1].GetProperty("conversation").ValueKind);
        var folder = Path.Combine(home, ".config", "open-interpreter", "conversations");
        Assert.True(!Directory.Exists(folder) || Directory.GetFiles(folder).Length == 0, string.Join(", ", Directory.Exists(folder) ? Directory.GetFiles(folder) : []));
    }

    [Fact]
    public async Task Json_with_debug_shows_the_requests_on_stderr_as_verbose_does()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("ok"));
        await using var interpreter = Session.Start(server, "--json", "--debug", "hello");

        Assert.Equal(0, await interpreter.WaitForExitAsync());
        Assert.Contains("POST ", interpreter.Stderr);
        Assert.Contains("chat/completions", interpreter.Stderr);
        Assert.DoesNotContain(Session.TestKey, interpreter.Stderr);
        Assert.All(Lines(interpreter.Stdout), line => Assert.True(line.TryGetProperty("type", out _)));
    }

    [Fact]
    public async Task Json_says_in_one_line_when_max_budget_cannot_be_enforced_for_a_model_without_a_price()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("ok"));
        await using var interpreter = InterpreterProcess.Start(
            ["--api_base", server.BaseUrl, "--api_key", Session.TestKey, "--model", "openai/house-model", "--json", "--max_budget", "0.5", "hello"]);

        Assert.Equal(0, await interpreter.WaitForExitAsync());
        Assert.Equal("Spending is not measured: no price is known for this model, so the $0.5000 budget cannot be enforced.", interpreter.Stderr.Trim());
    }

    [Fact]
    public async Task Display_settings_of_a_profile_are_one_warning_line_each_and_the_answer_still_comes()
    {
        var profile = Path.Combine(Directory.CreateTempSubdirectory("oi-json-profile-").FullName, "display.yaml");
        await File.WriteAllTextAsync(profile, "speak_messages: true\nhighlight_active_line: false\nmulti_line: true\n");
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("Hello there."));
        await using var interpreter = Session.Start(server, "--json", "--profile", profile, "hello");

        Assert.Equal(0, await interpreter.WaitForExitAsync());
        Assert.Equal(
            $"interpreter: warning: {profile}:1:1: speak_messages reads the answers aloud at the terminal, and --json hands them to another program; ignored.\n"
            + $"interpreter: warning: {profile}:2:1: highlight_active_line: false stops the terminal marking the line that runs, and --json shows nothing itself; ignored.\n"
            + $"interpreter: warning: {profile}:3:1: multi_line lets a line of ``` open a multi-line message at the terminal's prompt, and --json has no prompt; ignored.\n",
            interpreter.Stderr);
        var lines = Lines(interpreter.Stdout);
        Assert.Equal("Hello there.", string.Concat(lines[..^1].Where(c => c.TryGetProperty("content", out _)).Select(c => c.GetProperty("content").GetString())));
        Assert.Equal("done", lines[^1].GetProperty("outcome").GetString());
    }
}
