using Xunit;

namespace OpenInterpreter.Cli.Tests.CommandLine;

public sealed class CommandLineTests
{
    [Fact]
    public async Task An_unknown_option_prints_the_usage_line_and_exits_2()
    {
        await using var interpreter = InterpreterProcess.Start(["--no-such-flag"]);
        Assert.Equal(2, await interpreter.WaitForExitAsync());
        var lines = interpreter.Stderr.Trim().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("Usage: interpreter", lines[0]);
        Assert.Contains("--no-such-flag", lines[1]);
    }

    [Fact]
    public async Task Context_window_must_exceed_max_tokens()
    {
        await using var interpreter = InterpreterProcess.Start(["--context_window", "1000", "--max-tokens", "1000"]);
        Assert.Equal(2, await interpreter.WaitForExitAsync());
        Assert.Contains("--context_window (1000) must be larger than --max_tokens (1000)", interpreter.Stderr);
    }

    [Fact]
    public async Task An_unknown_tool_is_one_line_listing_the_valid_ones_and_exit_2()
    {
        await using var interpreter = InterpreterProcess.Start(["--tools", "interpreter,browser"]);
        Assert.Equal(2, await interpreter.WaitForExitAsync());
        var error = interpreter.Stderr.Trim().Split('\n')[^1];
        Assert.Equal("interpreter: error: --tools: Unknown tool 'browser'; the tools are interpreter, editor, gui.", error);
    }

    [Fact]
    public async Task Version_prints_the_version()
    {
        await using var interpreter = InterpreterProcess.Start(["--version"]);
        Assert.Equal(0, await interpreter.WaitForExitAsync());
        Assert.Matches(@"^interpreter \d+\.\d+\.\d+\n$", interpreter.Stdout);
    }

    [Fact]
    public async Task Help_lists_both_spellings_of_long_options()
    {
        await using var interpreter = InterpreterProcess.Start(["--help"]);
        Assert.Equal(0, await interpreter.WaitForExitAsync());
        Assert.Contains("--auto_run", interpreter.Stdout);
        Assert.Contains("--auto-run", interpreter.Stdout);
        Assert.Contains("--api_base", interpreter.Stdout);
    }

    [Fact]
    public async Task A_missing_key_without_a_terminal_names_the_variable()
    {
        await using var interpreter = InterpreterProcess.Start(["--stdin"]);
        await interpreter.WriteLineAsync("hi");
        interpreter.CloseInput();
        Assert.Equal(2, await interpreter.WaitForExitAsync());
        Assert.Contains("No API key for OpenAI. Set OPENAI_API_KEY or pass --api_key.", interpreter.Stderr);
    }

    [Fact]
    public async Task Verbose_shows_the_request_with_the_key_masked()
    {
        await using var server = OpenInterpreter.Testing.FakeModelServer.Start().Otherwise(OpenInterpreter.Testing.FakeReply.Text("ok"));
        await using var interpreter = EndToEnd.Session.Start(server, "--stdin", "--verbose");
        await interpreter.WriteLineAsync("hello");
        interpreter.CloseInput();

        Assert.Equal(0, await interpreter.WaitForExitAsync());
        Assert.Contains("POST " + server.BaseUrl + "/chat/completions", interpreter.Stderr);
        Assert.Contains("data: [DONE]", interpreter.Stderr);
        Assert.DoesNotContain(EndToEnd.Session.TestKey, interpreter.Stderr + interpreter.Stdout);
    }

    [Theory]
    [InlineData("--host sets where --server listens; without --server it would do nothing. Add --server, or leave out --host.", "--host", "0.0.0.0", "hello")]
    [InlineData("--port sets where --server listens; without --server it would do nothing. Add --server, or leave out --port.", "--port", "9000", "--json", "hello")]
    [InlineData("--continue continues a conversation at the terminal or under --stdin; --json starts a new one. Leave out --continue, or --json.", "--json", "-c", "hello")]
    [InlineData("--conversations continues a conversation at the terminal or under --stdin; --server starts a new one. Leave out --conversations, or --server.", "--server", "--conversations")]
    [InlineData("--local chooses a model, and --mcp calls none: it serves the tools to another program's model. Leave out --local.", "--mcp", "--local")]
    [InlineData("--speak_messages reads the answers aloud at the terminal, and --json hands them to another program. Leave out --speak_messages.", "--json", "--speak_messages", "hello")]
    [InlineData("--no_highlight_active_line stops the terminal marking the line that runs, and --server shows nothing itself. Leave out --no_highlight_active_line.", "--server", "-nhl")]
    [InlineData("--multi_line lets a line of ``` open a multi-line message at the terminal's prompt, and --mcp has no prompt. Leave out --multi_line.", "--mcp", "--multi_line")]
    [InlineData("--model chooses a model, and --mcp calls none: it serves the tools to another program's model. Leave out --model.", "--mcp", "--model", "gpt-4o-mini")]
    [InlineData("--fast chooses a model, and --mcp calls none: it serves the tools to another program's model. Leave out --fast.", "--mcp", "--fast")]
    [InlineData("--temperature is for the model this program calls, and --mcp calls none: it serves the tools to another program's model. Leave out --temperature.", "--mcp", "-y", "--temperature", "0.5")]
    [InlineData("--first_token_timeout is for the model this program calls, and --mcp calls none: it serves the tools to another program's model. Leave out --first_token_timeout.", "--mcp", "--first_token_timeout", "5")]
    [InlineData("--verbose shows the requests to the model, and --mcp calls none: it serves the tools to another program's model. Leave out --verbose.", "--mcp", "-v")]
    [InlineData("--tools chooses the tools offered to this program's model, and --mcp always serves execute and str_replace_editor. Leave out --tools.", "--mcp", "--tools", "interpreter")]
    [InlineData("--os gives this program's model the screen, mouse and keyboard, and --mcp always serves execute and str_replace_editor. Leave out --os.", "--mcp", "--os")]
    [InlineData("The words of the command line are one message to answer, and --server takes its messages from its clients. Leave that out, or use --json to answer one message.", "--server", "hello")]
    [InlineData("--stdin is one message to answer, and --mcp takes its calls from its client. Leave that out, or use --json to answer one message.", "--mcp", "--stdin")]
    public async Task A_flag_its_front_end_would_ignore_is_refused_in_one_line(string error, params string[] arguments)
    {
        await using var interpreter = InterpreterProcess.Start(arguments);
        Assert.Equal(2, await interpreter.WaitForExitAsync());
        Assert.Equal($"interpreter: error: {error}\n", interpreter.Stderr);
    }
}
