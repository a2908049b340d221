using System.Diagnostics;
using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Cli.Tests.EndToEnd;

public sealed class RetryTests
{
    [Fact]
    public async Task A_429_with_retry_after_is_retried_visibly_and_then_answers()
    {
        await using var server = FakeModelServer.Start()
            .When(_ => true, FakeReply.RateLimited(retryAfterSeconds: 1), once: true)
            .Otherwise(FakeReply.Text("Answer after waiting."));
        await using var interpreter = Session.Start(server, "--stdin");

        await interpreter.WriteLineAsync("hello");
        interpreter.CloseInput();

        Assert.Equal(0, await interpreter.WaitForExitAsync());
        Assert.Contains("Answer after waiting.", interpreter.Stdout);
        Assert.Contains("rate limited, retrying in 1 s (2/4)", interpreter.Stderr);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_500_four_times_fails_with_one_line_and_the_session_stays_usable()
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("first", FakeReply.Error(500, "The server had an error while processing your request."))
            .Otherwise(FakeReply.Text("Second answer."));
        await using var interpreter = Session.Start(server);

        await interpreter.WriteLineAsync("first");
        await interpreter.WaitForOutputAsync("> ", occurrence: 2, timeoutSeconds: 40);
        Assert.Equal(4, server.Requests.Count);

        await interpreter.WriteLineAsync("second");
        await interpreter.WaitForOutputAsync("Second answer.");
        interpreter.CloseInput();
        Assert.Equal(0, await interpreter.WaitForExitAsync());

        var lines = interpreter.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["(2/4)", "(3/4)", "(4/4)"], lines.Where(l => l.Contains("retrying")).Select(l => l[^5..]).ToArray());
        var failure = Assert.Single(lines, l => !l.Contains("retrying"));
        Assert.Contains("server error (500", failure);
        Assert.Contains("gave up after 4 tries", failure);
    }

    [Fact]
    public async Task A_connection_reset_before_the_answer_is_retried()
    {
        await using var server = FakeModelServer.Start()
            .When(_ => true, FakeReply.Reset(), once: true)
            .Otherwise(FakeReply.Text("Answer after the reset."));
        await using var interpreter = Session.Start(server, "--stdin");

        await interpreter.WriteLineAsync("hello");
        interpreter.CloseInput();

        Assert.True(await interpreter.WaitForExitAsync() == 0, interpreter.Stderr);
        Assert.Contains("Answer after the reset.", interpreter.Stdout);
        Assert.Contains("connection failed, retrying in", interpreter.Stderr);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task A_401_is_not_retried()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Error(401, "Incorrect API key provided."));
        await using var interpreter = Session.Start(server, "--stdin");

        await interpreter.WriteLineAsync("hello");
        interpreter.CloseInput();

        Assert.Equal(1, await interpreter.WaitForExitAsync());
        Assert.Single(server.Requests);
        Assert.DoesNotContain("retrying", interpreter.Stderr);
        Assert.Contains("401", Assert.Single(interpreter.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public async Task Ctrl_c_during_a_backoff_wait_stops_at_once()
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("first", FakeReply.RateLimited(retryAfterSeconds: 30))
            .Otherwise(FakeReply.Text("Second answer."));
        await using var interpreter = Session.Start(server);

        await interpreter.WriteLineAsync("first");
        await interpreter.WaitForErrorAsync("retrying in 30 s (2/4)");
        var clock = Stopwatch.StartNew();
        interpreter.Interrupt();
        await interpreter.WaitForOutputAsync("> ", occurrence: 2);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");

        await interpreter.WriteLineAsync("second");
        await interpreter.WaitForOutputAsync("Second answer.");
        interpreter.CloseInput();
        Assert.Equal(0, await interpreter.WaitForExitAsync());
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Anthropic_rate_limits_are_retried_after_the_servers_wait()
    {
        await using var server = FakeModelServer.Start()
            .When(_ => true, FakeReply.RateLimited(retryAfterSeconds: 1), once: true)
            .Otherwise(FakeReply.Text("Claude answers."));
        await using var interpreter = InterpreterProcess.Start(
            ["--model", "claude-3-5-haiku-latest", "--api_base", server.RootUrl, "--api_key", "sk-ant-test-0123456789", "--stdin"]);

        await interpreter.WriteLineAsync("hello");
        interpreter.CloseInput();

        Assert.Equal(0, await interpreter.WaitForExitAsync());
        Assert.Contains("Claude answers.", interpreter.Stdout);
        Assert.Contains("rate limited, retrying in 1 s (2/4)", interpreter.Stderr);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Ollama_server_errors_are_retried()
    {
        await using var server = FakeModelServer.Start()
            .When(_ => true, FakeReply.Error(503, "server busy"), once: true)
            .Otherwise(FakeReply.Text("Ollama answers."));
        await using var interpreter = InterpreterProcess.Start(["--model", "ollama/llama3.1", "--api_base", server.RootUrl, "--stdin"]);

        await interpreter.WriteLineAsync("hello");
        interpreter.CloseInput();

        Assert.Equal(0, await interpreter.WaitForExitAsync());
        Assert.Contains("Ollama answers.", interpreter.Stdout);
        Assert.Contains("server error 503, retrying in", interpreter.Stderr);
        Assert.Equal(2, server.Requests.Count);
    }
}
