using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Cli.Tests.EndToEnd;

/// <summary>Secrets through the real CLI: kept from the model and the saved conversation, masked in errors and logs.</summary>
public sealed class SecretTests
{
    private const string Token = "tok-9f8e7d6c5b4a39281706";

    [Fact]
    public async Task A_401_whose_body_echoes_the_key_prints_no_key_in_the_error_or_the_verbose_log()
    {
        await using var server = FakeModelServer.Start()
            .Otherwise(FakeReply.Error(401, $"Incorrect API key provided: {Session.TestKey}. Also seen: {Token}.", "invalid_api_key"));
        await using var interpreter = Session.Start(
            server, ["--stdin", "--verbose"], new Dictionary<string, string> { ["MY_SERVICE_TOKEN"] = Token });

        await interpreter.WriteLineAsync("hello");
        interpreter.CloseInput();
        Assert.NotEqual(0, await interpreter.WaitForExitAsync());

        var everything = interpreter.Stdout + interpreter.Stderr;
        Assert.Contains("401", everything);
        Assert.Contains("[redacted: API key]", everything);
        Assert.DoesNotContain(Session.TestKey, everything);
        Assert.DoesNotContain(Token, everything);
    }

    [Fact]
    public async Task A_token_printed_by_code_is_on_the_screen_but_not_sent_to_the_model_nor_saved()
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("show the token", FakeReply.Execute("shell", "echo \"token=$MY_SERVICE_TOKEN and $OPENAI_STYLE\""))
            .Otherwise(FakeReply.Text("Shown."));
        await using var interpreter = Session.Start(
            server, ["-y"], new Dictionary<string, string> { ["MY_SERVICE_TOKEN"] = Token, ["OPENAI_STYLE"] = "sk-proj-abcdefghijklmnopqrstuvwx" });

        await interpreter.WriteLineAsync("show the token");
        await interpreter.WaitForOutputAsync("Shown.");
        interpreter.CloseInput();
        Assert.Equal(0, await interpreter.WaitForExitAsync());

        Assert.Contains($"token={Token}", interpreter.Stdout);
        Assert.Contains("2 secrets hidden from the model", interpreter.Stdout);
        Assert.All(server.Requests, r => Assert.DoesNotContain(Token, r.Body));
        Assert.All(server.Requests, r => Assert.DoesNotContain("sk-proj-abcdefghijklmnopqrstuvwx", r.Body));
        Assert.Equal("token=[redacted: MY_SERVICE_TOKEN] and [redacted: OpenAI key]", server.Requests.Last().ToolResults.Single().Trim());
        var saved = Directory.GetFiles(Path.Combine(interpreter.Home, ".config", "open-interpreter", "conversations"), "*.json").Single();
        var text = File.ReadAllText(saved);
        Assert.DoesNotContain(Token, text);
        Assert.Contains("[redacted: MY_SERVICE_TOKEN]", text);
    }

    [Fact]
    public async Task A_key_typed_in_a_one_turn_conversation_is_masked_in_its_saved_file()
    {
        // One turn: the conversation file is only ever written by its first save.
        const string key = "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD";
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("Noted."));
        await using var interpreter = Session.Start(server, "--stdin");

        await interpreter.WriteLineAsync($"my key is {key}, keep it safe");
        interpreter.CloseInput();
        Assert.Equal(0, await interpreter.WaitForExitAsync());

        var saved = Directory.GetFiles(Path.Combine(interpreter.Home, ".config", "open-interpreter", "conversations"), "*.json").Single();
        var text = File.ReadAllText(saved);
        Assert.DoesNotContain(key, text);
        Assert.Contains("my key is [redacted: OpenAI key], keep it safe", text);
    }

    [Fact]
    public async Task Redact_secrets_false_sends_output_as_it_is()
    {
        var profile = Path.Combine(Directory.CreateTempSubdirectory("oi-profile-").FullName, "open.yaml");
        File.WriteAllText(profile, "redact_secrets: false\n");
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("show the token", FakeReply.Execute("shell", "echo \"token=$MY_SERVICE_TOKEN\""))
            .Otherwise(FakeReply.Text("Shown."));
        await using var interpreter = Session.Start(
            server, ["-y", "--profile", profile], new Dictionary<string, string> { ["MY_SERVICE_TOKEN"] = Token });

        await interpreter.WriteLineAsync("show the token");
        await interpreter.WaitForOutputAsync("Shown.");
        interpreter.CloseInput();
        await interpreter.WaitForExitAsync();

        Assert.Equal($"token={Token}", server.Requests.Last().ToolResults.Single().Trim());
    }
}
