using OpenInterpreter.Cli.Tests.EndToEnd;
using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Cli.Tests.Terminal;

public sealed class PromptTerminalTests
{
    private readonly string _home = Directory.CreateTempSubdirectory("oi-tty-home-").FullName;

    private static string[] Arguments(FakeModelServer server, params string[] extra) =>
        ["--api_base", server.BaseUrl, "--api_key", Session.TestKey, "--model", "gpt-4o", .. extra];

    [Fact]
    public async Task The_prompt_edits_the_line_and_recalls_history_from_an_earlier_session()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("Got it."));
        await using (var first = await TerminalSession.StartAsync(_home, Arguments(server)))
        {
            await first.WaitForAsync(">");
            await first.TypeAsync("helo world");
            await first.PressAsync("Left", "Left", "Left", "Left", "Left", "Left", "Left");
            await first.TypeAsync("l");
            await first.PressAsync("End");
            await first.TypeAsync("!");
            await first.PressAsync("Enter");
            await first.WaitForAsync("Got it.");
            // Ctrl-D typed before the prompt reads is taken by the terminal itself as end-of-file: wait for the prompt.
            await first.WaitForAsync(">", occurrence: 2);
            await Task.Delay(500);
            await first.ExitWithCtrlDAsync();
        }

        Assert.Equal("hello world!", server.Requests.Last().LastMessageText);

        await using var second = await TerminalSession.StartAsync(_home, Arguments(server));
        await second.WaitForAsync(">");
        await second.PressAsync("Up");
        await second.WaitForAsync("> hello world!");
        await second.PressAsync("C-a");
        await second.TypeAsync("again: ");
        await second.PressAsync("Enter");
        await second.WaitForAsync("Got it.");

        Assert.Equal("again: hello world!", server.Requests.Last().LastMessageText);
    }

    [Fact]
    public async Task Conversations_offers_a_selection_list_and_continues_the_chosen_one()
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("older chat", FakeReply.Text("Reply to the older chat."))
            .WhenLastMessageContains("newer chat", FakeReply.Text("Reply to the newer chat."))
            .Otherwise(FakeReply.Text("Carrying on."));
        foreach (var message in new[] { "the older chat", "the newer chat" })
        {
            await using var earlier = InterpreterProcess.Start(Arguments(server, "--stdin"), home: _home);
            await earlier.WriteLineAsync(message);
            earlier.CloseInput();
            Assert.Equal(0, await earlier.WaitForExitAsync());
            await Task.Delay(1100);
        }

        await using var terminal = await TerminalSession.StartAsync(_home, Arguments(server, "--conversations"));
        await terminal.WaitForAsync("Which conversation do you want to continue?");
        await terminal.PressAsync("Down");
        await terminal.PressAsync("Enter");
        await terminal.WaitForAsync("Reply to the older chat.");
        await terminal.TypeAsync("go on");
        await terminal.PressAsync("Enter");
        await terminal.WaitForAsync("Carrying on.");

        var texts = server.Requests.Last().Messages.Skip(1).Select(RecordedRequest.ContentText).ToList();
        Assert.Equal(["the older chat", "Reply to the older chat.", "go on"], texts);
    }

    [Fact]
    public async Task Undo_at_a_terminal_drops_the_exchange_from_the_next_request()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("Okay."));
        await using var terminal = await TerminalSession.StartAsync(_home, Arguments(server));
        await terminal.WaitForAsync(">");
        await terminal.TypeAsync("keep me");
        await terminal.PressAsync("Enter");
        await terminal.WaitForAsync("Okay.");
        await terminal.TypeAsync("forget me");
        await terminal.PressAsync("Enter");
        await terminal.WaitForAsync("Okay.", occurrence: 2);
        await terminal.TypeAsync("%undo");
        await terminal.PressAsync("Enter");
        await terminal.WaitForAsync("Removed the last exchange (2 messages).");
        await terminal.TypeAsync("last");
        await terminal.PressAsync("Enter");
        await terminal.WaitForAsync("> last");
        await WaitForRequestsAsync(server, 3);

        var texts = server.Requests.Last().Messages.Skip(1).Select(RecordedRequest.ContentText).ToList();
        Assert.Equal(["keep me", "Okay.", "last"], texts);
    }

    [Fact]
    public async Task Save_profile_at_a_terminal_asks_before_writing_the_key_and_before_overwriting()
    {
        var profile = Path.Combine(_home, ".config", "open-interpreter", "profiles", "keyed.yaml");
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("Okay."));
        await using (var first = await TerminalSession.StartAsync(_home, Arguments(server, "--save-profile", "keyed", "-t", "0.9")))
        {
            await first.WaitForAsync("Write the API key from --api_key into the profile too");
            await first.TypeAsync("y");
            await first.PressAsync("Enter");
            await first.WaitForAsync(">");
        }

        Assert.Contains(Session.TestKey, File.ReadAllText(profile));
        Assert.Contains("temperature: 0.9", File.ReadAllText(profile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(profile));

        await using var second = await TerminalSession.StartAsync(_home, Arguments(server, "--save-profile", "keyed", "-t", "0.1"));
        await second.WaitForAsync("keyed.yaml exists. Overwrite it?");
        await second.TypeAsync("n");
        await second.PressAsync("Enter");
        await second.WaitForAsync("the profile was not saved");
        Assert.Contains("temperature: 0.9", File.ReadAllText(profile));
    }

    private static async Task WaitForRequestsAsync(FakeModelServer server, int count)
    {
        for (var i = 0; i < 200 && server.Requests.Count < count; i++)
        {
            await Task.Delay(50);
        }
    }
}
