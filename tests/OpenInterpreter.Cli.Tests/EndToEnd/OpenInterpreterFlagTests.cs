using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Cli.Tests.EndToEnd;

/// <summary>OI 0.4.3's flags that SPEC's table lacks, each doing what it says, seen in the requests and the output.</summary>
public sealed class OpenInterpreterFlagTests
{
    private static async Task<InterpreterProcess> AskAsync(InterpreterProcess interpreter, string message = "hello")
    {
        await interpreter.WriteLineAsync(message);
        interpreter.CloseInput();
        Assert.Equal(0, await interpreter.WaitForExitAsync());
        return interpreter;
    }

    [Fact]
    public async Task Speak_messages_reads_the_answer_aloud_with_the_installed_speech_program()
    {
        // A real espeak-ng stand-in first on the PATH: a script that writes what it was asked to say.
        var bin = Directory.CreateTempSubdirectory("oi-speech-").FullName;
        var said = Path.Combine(bin, "said.txt");
        var script = Path.Combine(bin, "espeak-ng");
        File.WriteAllText(script, $"#!/bin/sh\nprintf '%s\\n' \"$@\" >> '{said}'\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("Your disk is half full."));
        var path = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}";
        await using var interpreter = InterpreterProcess.Start(["--api_base", server.BaseUrl, "--api_key", Session.TestKey, "--stdin", "-sp"], environment: new Dictionary<string, string> { ["PATH"] = path });

        await AskAsync(interpreter);

        Assert.Contains("Your disk is half full.", File.ReadAllText(said));
    }

    [Fact]
    public async Task Debug_shows_every_chunk_as_json()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("Fine."));
        await using var interpreter = await AskAsync(Session.Start(server, "--stdin", "--debug"));

        Assert.Contains("chunk {\"role\":\"assistant\",\"type\":\"message\"", interpreter.Stderr);
        Assert.Contains($"POST {server.BaseUrl}/chat/completions", interpreter.Stderr);
    }

    [Fact]
    public async Task Debug_command_turns_the_chunk_log_on_during_a_session()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("Fine."));
        await using var interpreter = Session.Start(server);
        await interpreter.WriteLineAsync("first");
        await interpreter.WriteLineAsync("%debug true");
        await interpreter.WriteLineAsync("second");
        interpreter.CloseInput();

        Assert.Equal(0, await interpreter.WaitForExitAsync());
        Assert.Contains("Debug mode is on.", interpreter.Stdout);
        Assert.Single(interpreter.Stderr.Split('\n'), l => l.Contains("chunk {\"role\":\"assistant\",\"type\":\"message\",\"start\":true", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--disable_telemetry")]
    [InlineData("-dt")]
    [InlineData("--contribute_conversation")]
    public async Task Telemetry_flags_are_accepted_with_one_line(string flag)
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("ok"));
        await using var interpreter = await AskAsync(Session.Start(server, "--stdin", flag));

        var line = Assert.Single(interpreter.Stderr.Trim().Split('\n'));
        Assert.Contains("sends no telemetry and shares nothing", line);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Local_models_prints_the_models_folder()
    {
        await using var interpreter = InterpreterProcess.Start(["--local_models"]);
        Assert.Equal(0, await interpreter.WaitForExitAsync());
        Assert.Equal(Path.Combine(interpreter.Home, ".config", "open-interpreter", "models") + "\n", interpreter.Stdout);
    }

    [Fact]
    public async Task Multi_line_lets_backticks_open_and_close_a_message()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("ok"));
        await using var interpreter = Session.Start(server, "-ml");
        await interpreter.WriteLineAsync("```");
        await interpreter.WriteLineAsync("line one");
        await interpreter.WriteLineAsync("line two");
        await interpreter.WriteLineAsync("```");
        interpreter.CloseInput();

        Assert.Equal(0, await interpreter.WaitForExitAsync());
        Assert.Equal("line one\nline two", server.Requests.Single().LastMessageText);
    }

    [Fact]
    public async Task Llm_supports_vision_sends_images_to_a_model_not_known_to_see()
    {
        // gpt-3.5-turbo is judged blind by name; -lsv says otherwise, so the plot goes as an image, not a note.
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("draw", FakeReply.Execute("python", "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.show()"))
            .Otherwise(FakeReply.Text("ok"));
        string[] blind = ["--api_base", server.BaseUrl, "--api_key", Session.TestKey, "--stdin", "-y", "-m", "gpt-3.5-turbo"];
        var matplotlib = new Dictionary<string, string> { ["PATH"] = $"/usr/bin:{Environment.GetEnvironmentVariable("PATH")}" };
        await (await AskAsync(InterpreterProcess.Start(blind, environment: matplotlib), "draw")).DisposeAsync();
        await (await AskAsync(InterpreterProcess.Start([.. blind, "-lsv"], environment: matplotlib), "draw")).DisposeAsync();

        Assert.Contains(server.Requests, r => r.Body.Contains("cannot see images", StringComparison.Ordinal));
        Assert.DoesNotContain("cannot see images", server.Requests[^1].Body);
    }

    [Fact]
    public async Task No_llm_supports_vision_keeps_images_from_a_model_known_to_see()
    {
        // gpt-4o is judged seeing by name; --no-llm_supports_vision says otherwise, so the plot goes as a note.
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("draw", FakeReply.Execute("python", "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.show()"))
            .Otherwise(FakeReply.Text("ok"));
        string[] seeing = ["--api_base", server.BaseUrl, "--api_key", Session.TestKey, "--stdin", "-y", "-m", "gpt-4o"];
        var matplotlib = new Dictionary<string, string> { ["PATH"] = $"/usr/bin:{Environment.GetEnvironmentVariable("PATH")}" };
        await (await AskAsync(InterpreterProcess.Start(seeing, environment: matplotlib), "draw")).DisposeAsync();
        var seen = server.Requests[^1];
        await (await AskAsync(InterpreterProcess.Start([.. seeing, "--no-llm_supports_vision"], environment: matplotlib), "draw")).DisposeAsync();

        Assert.NotEmpty(seen.Images);
        Assert.Empty(server.Requests[^1].Images);
        Assert.Contains("cannot see images", server.Requests[^1].Body);
    }

    [Fact]
    public async Task Codestral_loads_its_profile_model_templates_and_code_blocks()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("ok"));
        await using var interpreter = await AskAsync(InterpreterProcess.Start(["--codestral", "--api_base", server.RootUrl, "--stdin"]), "list my files");

        var request = server.Requests.Single(r => r.Path == "/api/chat");
        Assert.Equal("codestral", request.Json.GetProperty("model").GetString());
        Assert.StartsWith("list my files. If this needs code run on my computer", request.LastMessageText);
        Assert.False(request.Json.TryGetProperty("tools", out _));
    }
}

/// <summary>OI's <c>%save_message NAME</c> writes NAME.json, and <c>%load_message NAME</c> reads it back.</summary>
public sealed class SaveMessageNameTests
{
    [Fact]
    public async Task Save_message_adds_json_to_a_bare_name_as_OI_does()
    {
        var work = Directory.CreateTempSubdirectory("oi-save-name-").FullName;
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("Fine."));
        await using (var first = Session.StartIn(work, server))
        {
            await first.WriteLineAsync("keep this");
            await first.WaitForOutputAsync("Fine.");
            await first.WriteLineAsync("%save_message work");
            first.CloseInput();
            Assert.Equal(0, await first.WaitForExitAsync());
        }

        Assert.True(File.Exists(Path.Combine(work, "work.json")));
        Assert.False(File.Exists(Path.Combine(work, "work")));

        await using var second = Session.StartIn(work, server);
        await second.WriteLineAsync("%load_message work");
        second.CloseInput();
        Assert.Equal(0, await second.WaitForExitAsync());
        Assert.Contains($"Loaded 2 messages from {Path.Combine(work, "work.json")}", second.Stdout);
    }
}
