using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Cli.Tests.CommandLine;

public sealed class ModelOptionsTests
{
    [Fact]
    public async Task Forcing_tool_calling_on_and_off_at_once_is_a_usage_error()
    {
        await using var interpreter = InterpreterProcess.Start(["-lsf", "--no-llm_supports_functions", "--stdin"]);
        interpreter.CloseInput();

        Assert.Equal(2, await interpreter.WaitForExitAsync());
        Assert.Contains("contradict each other", interpreter.Stderr);
    }

    [Fact]
    public async Task Verbose_masks_an_anthropic_key_in_the_request_headers()
    {
        const string key = "sk-ant-verbose-0123456789abcdef";
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("ok"));
        await using var interpreter = InterpreterProcess.Start(["-m", "claude-3-5-haiku-latest", "--api_base", server.RootUrl, "--api_key", key, "--stdin", "--verbose"]);
        await interpreter.WriteLineAsync("hello");
        interpreter.CloseInput();

        Assert.Equal(0, await interpreter.WaitForExitAsync());
        Assert.Contains($"POST {server.RootUrl}/v1/messages", interpreter.Stderr);
        Assert.Contains("event: message_stop", interpreter.Stderr);
        Assert.DoesNotContain(key, interpreter.Stderr + interpreter.Stdout);
    }
}
