using OpenInterpreter.Cli.Tests.EndToEnd;
using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Cli.Tests.Settings;

public sealed class ProfileTests
{
    private readonly string _home = Directory.CreateTempSubdirectory("oi-profile-home-").FullName;

    private string ProfilesFolder => Path.Combine(_home, ".config", "open-interpreter", "profiles");

    private static async Task<RecordedRequest> AskOnceAsync(InterpreterProcess interpreter, FakeModelServer server, int exitCode = 0)
    {
        await interpreter.WriteLineAsync("hello");
        interpreter.CloseInput();
        Assert.Equal(exitCode, await interpreter.WaitForExitAsync());
        return server.Requests.Last();
    }

    [Fact]
    public async Task Save_profile_then_profile_sends_the_same_settings_and_never_writes_the_key()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("ok"));
        await using (var first = Session.StartAt(_home, server, "--stdin", "--save-profile", "mine", "--temperature", "0.4", "--max_tokens", "321", "--custom_instructions", "Answer in French."))
        {
            await AskOnceAsync(first, server);
            Assert.Contains("saved the profile", first.Stderr);
        }

        var path = Path.Combine(ProfilesFolder, "mine.yaml");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.DoesNotContain(Session.TestKey, File.ReadAllText(path));

        // The second run gives only the key: everything else, the server address included, comes from the profile.
        await using var second = InterpreterProcess.Start(["--stdin", "--profile", "mine", "--api_key", Session.TestKey], home: _home);
        var saved = await AskOnceAsync(second, server);
        var original = server.Requests[0];
        Assert.Equal(original.Json.GetProperty("temperature").GetDouble(), saved.Json.GetProperty("temperature").GetDouble());
        // An OpenAI-compatible server (the fake one here, via --api_base) gets max_tokens, which such servers honour.
        Assert.Equal(321, saved.Json.GetProperty("max_tokens").GetInt32());
        Assert.EndsWith("Answer in French.", RecordedRequest.ContentText(saved.Messages[0]));
    }

    [Fact]
    public async Task A_broken_profile_names_the_file_line_and_column_and_exits_2()
    {
        Directory.CreateDirectory(ProfilesFolder);
        var path = Path.Combine(ProfilesFolder, "broken.yaml");
        File.WriteAllText(path, "llm:\n  model: gpt-4o\n   temperature: [0\n");

        await using var interpreter = InterpreterProcess.Start(["--profile", "broken", "--version"], home: _home);

        Assert.Equal(2, await interpreter.WaitForExitAsync());
        Assert.Matches($@"^interpreter: error: {System.Text.RegularExpressions.Regex.Escape(path)}:\d+:\d+: the profile is not valid YAML: .+\n$", interpreter.Stderr);
    }

    [Fact]
    public async Task An_open_interpreter_profile_loads_with_one_warning_line_per_unknown_key()
    {
        Directory.CreateDirectory(ProfilesFolder);
        File.WriteAllText(Path.Combine(ProfilesFolder, "oi.yaml"), """
            llm:
              model: "gpt-4o-mini"
              temperature: 0.2
            computer:
              import_computer_api: True
            auto_run: True
            sync_computer: True
            disable_telemetry: True
            version: 0.2.5
            """);
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("ok"));
        await using var interpreter = InterpreterProcess.Start(["--stdin", "--profile", "oi.yaml", "--api_base", server.BaseUrl, "--api_key", Session.TestKey], home: _home);

        var request = await AskOnceAsync(interpreter, server);

        Assert.Equal("gpt-4o-mini", request.Json.GetProperty("model").GetString());
        var warnings = interpreter.Stderr.Split('\n').Where(l => l.StartsWith("interpreter: warning:", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains("oi.yaml:5:3: computer.import_computer_api: OI's Python computer API does not exist here", warnings[0]);
        Assert.Contains("oi.yaml:7:1: unknown setting 'sync_computer' ignored.", warnings[1]);
    }

    [Fact]
    public async Task Computer_languages_limits_the_languages_offered_to_the_model()
    {
        Directory.CreateDirectory(ProfilesFolder);
        File.WriteAllText(Path.Combine(ProfilesFolder, "py.yaml"), "computer:\n  languages: [\"python\"]\n");
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("hello", FakeReply.Execute("shell", "echo should-not-run"))
            .Otherwise(FakeReply.Text("ok"));
        await using var interpreter = InterpreterProcess.Start(["--stdin", "-y", "-p", "py", "--api_base", server.BaseUrl, "--api_key", Session.TestKey], home: _home);

        var last = await AskOnceAsync(interpreter, server);

        var language = server.Requests[0].Json.GetProperty("tools")[0].GetProperty("function").GetProperty("parameters").GetProperty("properties").GetProperty("language");
        Assert.Equal(["python"], language.GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.StartsWith("Language shell is not enabled; enabled: python.", last.ToolResults.Single());
    }

    [Fact]
    public async Task Fast_uses_gpt_3_5_turbo()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("ok"));
        await using var interpreter = InterpreterProcess.Start(["--stdin", "-f", "--api_base", server.BaseUrl, "--api_key", Session.TestKey], home: _home);
        var request = await AskOnceAsync(interpreter, server);
        Assert.Equal("gpt-3.5-turbo", request.Json.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Environment_beats_profiles_and_flags_beat_the_environment()
    {
        Directory.CreateDirectory(ProfilesFolder);
        File.WriteAllText(Path.Combine(ProfilesFolder, "default.yaml"), "llm:\n  model: from-default\n  temperature: 0.3\n");
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("ok"));
        var environment = new Dictionary<string, string> { ["INTERPRETER_MODEL"] = "from-environment", ["INTERPRETER_TEMPERATURE"] = "0.6" };

        await using (var envOnly = InterpreterProcess.Start(["--stdin", "--api_base", server.BaseUrl, "--api_key", Session.TestKey], environment: environment, home: _home))
        {
            var request = await AskOnceAsync(envOnly, server);
            Assert.Equal("from-environment", request.Json.GetProperty("model").GetString());
            Assert.Equal(0.6, request.Json.GetProperty("temperature").GetDouble(), 3);
        }

        await using var flags = InterpreterProcess.Start(["--stdin", "-m", "from-flags", "--api_base", server.BaseUrl, "--api_key", Session.TestKey], environment: environment, home: _home);
        var last = await AskOnceAsync(flags, server);
        Assert.Equal("from-flags", last.Json.GetProperty("model").GetString());
        Assert.Equal(0.6, last.Json.GetProperty("temperature").GetDouble(), 3);
    }

    [Fact]
    public async Task The_first_run_writes_a_commented_default_yaml()
    {
        await using var interpreter = InterpreterProcess.Start(["--profiles"], home: _home);
        Assert.Equal(0, await interpreter.WaitForExitAsync());
        Assert.Equal(ProfilesFolder + "\n", interpreter.Stdout);
        var text = File.ReadAllText(Path.Combine(ProfilesFolder, "default.yaml"));
        Assert.Contains("# Open Interpreter profile", text);
        Assert.Contains("version: 0.2.5", text);
    }

    [Fact]
    public async Task Reset_profile_restores_the_built_in_default()
    {
        Directory.CreateDirectory(ProfilesFolder);
        // Broken YAML: the reset must still work.
        File.WriteAllText(Path.Combine(ProfilesFolder, "default.yaml"), "llm:\n  model: mine\n   x: [\n");

        await using var interpreter = InterpreterProcess.Start(["--reset_profile"], home: _home);

        Assert.Equal(0, await interpreter.WaitForExitAsync());
        Assert.Contains("model: \"gpt-4o\"", File.ReadAllText(Path.Combine(ProfilesFolder, "default.yaml")));
        Assert.Contains("model: mine", File.ReadAllText(Path.Combine(ProfilesFolder, "default.yaml.bak")));
    }
}
