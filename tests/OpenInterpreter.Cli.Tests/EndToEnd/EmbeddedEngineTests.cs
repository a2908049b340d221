using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Cli.Tests.EndToEnd;

/// <summary>The real CLI running a GGUF file in-process, on a tiny random-weight model the test writes.</summary>
public sealed class EmbeddedEngineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("oi-gguf-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_gguf_path_as_model_runs_in_process_and_answers()
    {
        var path = Path.Combine(_folder, "tiny.gguf");
        TinyGgufModel.Write(path);
        await using var interpreter = InterpreterProcess.Start(["--model", path, "--max_tokens", "16", "--stdin"]);

        await interpreter.WriteLineAsync("say something");
        interpreter.CloseInput();

        // Random weights never choose to stop: the reply runs to --max_tokens, which is said, with the reply kept.
        Assert.True(await interpreter.WaitForExitAsync() == 1, interpreter.Stderr);
        Assert.True(interpreter.Stdout.Trim().Length > 0, "no reply was written");
        Assert.StartsWith("The embedded engine ended the reply at the max_tokens limit (16 tokens); what arrived is kept.", Assert.Single(interpreter.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.DoesNotContain("llama_model_loader", interpreter.Stdout + interpreter.Stderr);
    }

    [Fact]
    public async Task A_missing_gguf_file_is_one_clear_line()
    {
        await using var interpreter = InterpreterProcess.Start(["--model", Path.Combine(_folder, "absent.gguf"), "--stdin"]);
        await interpreter.WriteLineAsync("hello");
        interpreter.CloseInput();

        Assert.Equal(1, await interpreter.WaitForExitAsync());
        var line = Assert.Single(interpreter.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("absent.gguf does not exist", line);
    }

    [Fact]
    public async Task Local_with_no_server_falls_back_to_a_gguf_in_the_models_folder()
    {
        var (interpreter, models) = await LocalFallbackAsync("--local", "--max_tokens", "8", "--stdin");
        await using var _ = interpreter;
        Assert.Contains("tiny.gguf", interpreter.Stderr);
        Assert.Contains("ended the reply at the max_tokens limit (8 tokens)", interpreter.Stderr);
        Assert.True(interpreter.Stdout.Trim().Length > 0, "no reply was written");
    }

    private const string NoToolCalling = "--llm_supports_functions: llm.supports_functions asks for tool calling, which the embedded engine (a .gguf file run in-process) does not have: the model writes its code in fenced blocks; ignored.";

    [Fact]
    public async Task Forcing_tool_calling_on_a_gguf_model_is_one_warning_line_and_the_model_still_answers()
    {
        var path = Path.Combine(_folder, "tiny.gguf");
        TinyGgufModel.Write(path);
        await using var interpreter = InterpreterProcess.Start(["--model", path, "--llm_supports_functions", "--max_tokens", "8", "--stdin"]);

        await interpreter.WriteLineAsync("say something");
        interpreter.CloseInput();

        Assert.True(await interpreter.WaitForExitAsync() == 1, interpreter.Stderr);
        var lines = interpreter.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal($"interpreter: warning: {NoToolCalling}", lines[0]);
        Assert.StartsWith("The embedded engine ended the reply at the max_tokens limit (8 tokens)", lines[1]);
        Assert.True(interpreter.Stdout.Trim().Length > 0, "no reply was written");
    }

    [Fact]
    public async Task Forcing_tool_calling_when_local_falls_back_to_a_gguf_is_said_in_one_line()
    {
        var (interpreter, models) = await LocalFallbackAsync("--local", "-lsf", "--max_tokens", "8", "--stdin");
        await using var _ = interpreter;
        var lines = interpreter.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"Using {Path.Combine(models, "tiny.gguf")} in-process.", lines[0]);
        Assert.Equal(NoToolCalling, lines[1]);
        Assert.True(interpreter.Stdout.Trim().Length > 0, "no reply was written");
    }

    /// <summary>
    /// Runs <c>--local</c> with no local server reachable and a tiny model in the models folder of a fresh home, says
    /// "hello" on stdin and waits for the exit, which must be 1 (the 8-token limit); returns the program and that folder.
    /// </summary>
    private static async Task<(InterpreterProcess Interpreter, string Models)> LocalFallbackAsync(params string[] arguments)
    {
        var home = Directory.CreateTempSubdirectory("oi-gguf-home-").FullName;
        var models = Path.Combine(home, ".config", "open-interpreter", "models");
        Directory.CreateDirectory(models);
        TinyGgufModel.Write(Path.Combine(models, "tiny.gguf"));
        var interpreter = InterpreterProcess.Start(
            arguments,
            environment: new Dictionary<string, string>
            {
                ["XDG_CONFIG_HOME"] = Path.Combine(home, ".config"),
                ["OI_LOCAL_PORTS"] = "ollama=9",
            });

        await interpreter.WriteLineAsync("hello");
        interpreter.CloseInput();
        Assert.True(await interpreter.WaitForExitAsync() == 1, interpreter.Stderr);
        return (interpreter, models);
    }
}
