using System.Text.Json;
using OpenInterpreter.Cli.Tests.EndToEnd;
using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Cli.Tests.History;

public sealed class ConversationHistoryTests
{
    private readonly string _home = Directory.CreateTempSubdirectory("oi-history-home-").FullName;

    private string ConversationsFolder => Path.Combine(_home, ".config", "open-interpreter", "conversations");

    private static FakeModelServer Server() => FakeModelServer.Start()
        .WhenLastMessageContains("remember the number 4711", FakeReply.Text("I will remember 4711."))
        .Otherwise(FakeReply.Text("Noted."));

    private async Task SaveOneConversationAsync(FakeModelServer server)
    {
        await using var first = Session.StartAt(_home, server);
        await first.WriteLineAsync("remember the number 4711");
        await first.WaitForOutputAsync("I will remember 4711.");
        first.CloseInput();
        Assert.Equal(0, await first.WaitForExitAsync());
    }

    [Fact]
    public async Task Each_turn_is_saved_as_an_open_interpreter_conversation_file()
    {
        await using var server = Server();
        await SaveOneConversationAsync(server);

        var file = Assert.Single(Directory.GetFiles(ConversationsFolder));
        Assert.Matches(@"/remember_the_number__[A-Z][a-z]+_\d\d_\d{4}_\d\d-\d\d-\d\d\.json$", file);
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        var messages = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(("user", "message", "remember the number 4711"), (messages[0].GetProperty("role").GetString(), messages[0].GetProperty("type").GetString(), messages[0].GetProperty("content").GetString()));
        Assert.Equal("I will remember 4711.", messages[1].GetProperty("content").GetString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public async Task Conversations_continues_the_chosen_chat_and_the_next_request_carries_its_history()
    {
        await using var server = Server();
        await SaveOneConversationAsync(server);
        File.WriteAllText(Path.Combine(ConversationsFolder, "damaged__x.json"), "[{\"role\": ");

        await using var second = Session.StartAt(_home, server, "--conversations");
        await second.WaitForOutputAsync("Which conversation do you want to continue?");
        await second.WriteLineAsync("1");
        await second.WaitForOutputAsync("I will remember 4711.");
        await second.WriteLineAsync("what was the number?");
        await second.WaitForOutputAsync("Noted.");
        second.CloseInput();
        Assert.Equal(0, await second.WaitForExitAsync());

        Assert.Contains("damaged__x.json", second.Stderr);
        var texts = server.Requests.Last().Messages.Select(RecordedRequest.ContentText).ToList();
        Assert.Equal(["remember the number 4711", "I will remember 4711.", "what was the number?"], texts.Skip(1));
        // The continued conversation is saved into the same file.
        Assert.Single(Directory.GetFiles(ConversationsFolder, "remember*"));
    }

    [Fact]
    public async Task Two_instances_continuing_one_conversation_both_keep_their_turns_on_disk()
    {
        await using var server = Server();
        await SaveOneConversationAsync(server);

        await using var first = Session.StartAt(_home, server, "-c");
        await using var second = Session.StartAt(_home, server, "-c");
        await first.WaitForErrorAsync("Continuing remember the number 4711");
        await second.WaitForErrorAsync("Continuing remember the number 4711");
        await first.WriteLineAsync("the first instance asks");
        await first.WaitForOutputAsync("Noted.");
        await second.WriteLineAsync("the second instance asks");
        await second.WaitForOutputAsync("Noted.");
        await first.WriteLineAsync("the first instance asks again");
        await first.WaitForOutputAsync("Noted.", 2);
        first.CloseInput();
        second.CloseInput();
        Assert.Equal(0, await first.WaitForExitAsync());
        Assert.Equal(0, await second.WaitForExitAsync());

        var saved = Directory.GetFiles(ConversationsFolder).Select(File.ReadAllText).ToList();
        Assert.Contains(saved, text => text.Contains("the first instance asks again", StringComparison.Ordinal));
        Assert.Contains(saved, text => text.Contains("the second instance asks", StringComparison.Ordinal));
        Assert.Contains("Another instance saved remember_the_number__", second.Stderr);
    }

    [Fact]
    public async Task Continue_picks_up_the_latest_conversation()
    {
        await using var server = Server();
        await SaveOneConversationAsync(server);

        await using var second = Session.StartAt(_home, server, "-c", "--stdin");
        await second.WriteLineAsync("and now?");
        second.CloseInput();
        Assert.Equal(0, await second.WaitForExitAsync());

        var texts = server.Requests.Last().Messages.Select(RecordedRequest.ContentText).ToList();
        Assert.Equal(["remember the number 4711", "I will remember 4711.", "and now?"], texts.Skip(1));
    }
}
