using OpenInterpreter.Cli.Tests.EndToEnd;
using Xunit;

namespace OpenInterpreter.Cli.Tests.CommandLine;

/// <summary>Every bad value of an option, a profile key or a variable is one line naming it, the value and what is expected; exit 2.</summary>
public sealed class BadValueTests
{
    [Theory]
    [InlineData("--max_tokens must be a whole number, not 'abc'.", "--max_tokens", "abc")]
    [InlineData("--max_tokens must be a whole number, not '1.5'.", "-x", "1.5")]
    [InlineData("--temperature must be a number, not 'hot'.", "--temperature", "hot")]
    [InlineData("--temperature must be a number from 0 to 2, not '5'.", "-t", "5")]
    [InlineData("--context_window must be a whole number, not 'big'.", "-cw", "big")]
    [InlineData("--max_output must be a whole number of at least 100, not '5'.", "--max_output", "5")]
    [InlineData("--timeout must be a number, not 'soon'.", "--timeout", "soon")]
    [InlineData("--max_tokens needs a value (a whole number).", "--max_tokens")]
    [InlineData("--model needs a value, not the option --version.", "-m", "--version")]
    [InlineData("--api_version needs a value, not the option -y.", "--api_version", "-y")]
    public async Task A_bad_option_value_is_one_line_and_exit_2(string expected, params string[] args)
    {
        await using var interpreter = InterpreterProcess.Start(["--stdin", .. args]);
        interpreter.CloseInput();

        Assert.Equal(2, await interpreter.WaitForExitAsync());
        Assert.Equal($"interpreter: error: {expected}\n", interpreter.Stderr);
    }

    [Fact]
    public async Task A_bad_profile_value_names_the_file_line_key_and_value()
    {
        var home = Directory.CreateTempSubdirectory("oi-bad-value-").FullName;
        var profiles = Path.Combine(home, ".config", "open-interpreter", "profiles");
        Directory.CreateDirectory(profiles);
        var path = Path.Combine(profiles, "bad.yaml");
        File.WriteAllText(path, "llm:\n  max_tokens: lots\n");

        await using var interpreter = InterpreterProcess.Start(["--profile", "bad", "--stdin"], home: home);
        interpreter.CloseInput();

        Assert.Equal(2, await interpreter.WaitForExitAsync());
        Assert.Equal($"interpreter: error: {path}:2:3: llm.max_tokens must be a whole number of at least 1, not 'lots'. Fix the value or remove it.\n", interpreter.Stderr);
    }

    [Fact]
    public async Task A_bad_environment_value_names_the_variable()
    {
        await using var interpreter = InterpreterProcess.Start(["--stdin"], environment: new Dictionary<string, string> { ["INTERPRETER_TEMPERATURE"] = "warm" });
        interpreter.CloseInput();

        Assert.Equal(2, await interpreter.WaitForExitAsync());
        Assert.Equal("interpreter: error: $INTERPRETER_TEMPERATURE: llm.temperature must be a number from 0 to 2, not 'warm'. Fix the value or remove it.\n", interpreter.Stderr);
    }
}
