using System.Text.Json;
using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Cli.Tests.EndToEnd;

/// <summary>A request the provider rejected costs nothing; a reply that streamed tokens back is counted, also when it broke off.</summary>
public sealed class RejectedRequestCostTests
{
    private static JsonElement Outcome(string stdout) =>
        JsonDocument.Parse(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]).RootElement.Clone();

    [Theory]
    [InlineData(401)]
    [InlineData(500)]
    public async Task A_rejected_request_adds_nothing_to_the_tokens_or_the_cost(int status)
    {
        // A 500 is retried and given up after the last try; a 401 is not retried.
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Error(status, "No."));
        await using var interpreter = Session.Start(server, "--json", "--stdin");

        await interpreter.WriteLineAsync("hello");
        interpreter.CloseInput();

        Assert.Equal(1, await interpreter.WaitForExitAsync(timeoutSeconds: 60));
        var outcome = Outcome(interpreter.Stdout);
        Assert.Equal("failed", outcome.GetProperty("outcome").GetString());
        Assert.Equal(0m, outcome.GetProperty("cost_usd").GetDecimal());
        Assert.Equal(0, outcome.GetProperty("tokens").GetProperty("input").GetInt64());
        Assert.Equal(0, outcome.GetProperty("tokens").GetProperty("output").GetInt64());
    }

    [Fact]
    public async Task A_rejected_request_does_not_draw_on_the_budget()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Error(401, "Incorrect API key provided."));
        await using var interpreter = Session.Start(server, "--stdin", "--max_budget", "0.01");

        await interpreter.WriteLineAsync("hello");
        interpreter.CloseInput();

        Assert.Equal(1, await interpreter.WaitForExitAsync());
        Assert.Contains("Spent $0.0000 of $0.0100.", interpreter.Stdout + interpreter.Stderr);
    }

    [Fact]
    public async Task A_reply_that_streamed_before_it_broke_off_is_still_counted()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.CutText("Hello there, this reply will break off soon", pieces: 3));
        await using var interpreter = Session.Start(server, "--json", "--stdin");

        await interpreter.WriteLineAsync("hello");
        interpreter.CloseInput();

        Assert.Equal(1, await interpreter.WaitForExitAsync());
        var outcome = Outcome(interpreter.Stdout);
        Assert.True(outcome.GetProperty("cost_usd").GetDecimal() > 0, outcome.GetRawText());
        Assert.True(outcome.GetProperty("tokens").GetProperty("input").GetInt64() > 0, outcome.GetRawText());
        Assert.True(outcome.GetProperty("tokens").GetProperty("output").GetInt64() > 0, outcome.GetRawText());
        Assert.True(outcome.GetProperty("tokens").GetProperty("estimated").GetBoolean());
    }
}
