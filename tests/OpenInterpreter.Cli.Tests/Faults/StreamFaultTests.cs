using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Cli.Tests.Faults;

/// <summary>Streams that stall, carry broken JSON, stop inside a line, or are an HTML page: one line each, what arrived kept.</summary>
public sealed class StreamFaultTests
{
    private const string Partial = "Partial answer so far";

    public static TheoryData<string, string> AllProviders => Providers.All;

    [Theory]
    [MemberData(nameof(AllProviders))]
    public async Task A_stream_that_goes_silent_ends_after_the_idle_timeout_with_one_line_and_keeps_what_arrived(string provider, string name)
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("talk", FakeReply.Faulty(StreamFault.Stall, Partial), once: true)
            .Otherwise(FakeReply.Text("Back again."));
        await using var interpreter = Providers.Start(provider, server, "--idle_timeout", "2");

        await interpreter.WriteLineAsync("talk");
        await interpreter.WaitForErrorAsync("went silent", timeoutSeconds: 60);
        await interpreter.WriteLineAsync("continue");
        await interpreter.WaitForOutputAsync("Back again.");
        interpreter.CloseInput();
        Assert.Equal(0, await interpreter.WaitForExitAsync());

        var line = Assert.Single(interpreter.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("went silent for 2 s in the middle of the reply; what arrived is kept.", line);
        Assert.Contains("--idle_timeout", line);
        Assert.Contains(Partial, interpreter.Stdout);
        Assert.Contains(Partial, Providers.Chats(server)[^1].Body);
        _ = name;
    }

    [Theory]
    [MemberData(nameof(AllProviders))]
    public async Task A_first_token_that_never_comes_ends_after_its_own_timeout(string provider, string name)
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Faulty(StreamFault.Stall, stallFirst: true));
        await using var interpreter = Providers.Start(provider, server, "--stdin", "--first_token_timeout", "2", "--idle_timeout", "1");

        await interpreter.WriteLineAsync("hello");
        interpreter.CloseInput();

        Assert.Equal(1, await interpreter.WaitForExitAsync());
        var line = Assert.Single(interpreter.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("sent no reply within 2 s", line);
        Assert.Contains("--first_token_timeout", line);
        Assert.Single(Providers.Chats(server));
        _ = name;
    }

    [Theory]
    [MemberData(nameof(AllProviders))]
    public async Task Invalid_json_inside_an_event_is_one_line_naming_the_provider(string provider, string name)
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("talk", FakeReply.Faulty(StreamFault.InvalidJson, Partial), once: true)
            .Otherwise(FakeReply.Text("Back again."));
        await using var interpreter = Providers.Start(provider, server);

        await interpreter.WriteLineAsync("talk");
        await interpreter.WaitForErrorAsync("not valid JSON", timeoutSeconds: 60);
        await interpreter.WriteLineAsync("continue");
        await interpreter.WaitForOutputAsync("Back again.");
        interpreter.CloseInput();
        Assert.Equal(0, await interpreter.WaitForExitAsync());

        var line = Assert.Single(interpreter.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"{name} at ", line);
        Assert.Contains("sent a stream event that is not valid JSON", line);
        Assert.Contains("what arrived is kept", line);
        Assert.Contains(Partial, Providers.Chats(server)[^1].Body);
    }

    [Theory]
    [MemberData(nameof(AllProviders))]
    public async Task An_error_event_in_the_middle_of_a_reply_is_one_line_with_the_servers_own_message(string provider, string name)
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("talk", FakeReply.Faulty(StreamFault.ErrorEvent, Partial), once: true)
            .Otherwise(FakeReply.Text("Back again."));
        await using var interpreter = Providers.Start(provider, server);

        await interpreter.WriteLineAsync("talk");
        await interpreter.WaitForErrorAsync("Sorry about that", timeoutSeconds: 60);
        await interpreter.WriteLineAsync("continue");
        await interpreter.WaitForOutputAsync("Back again.");
        interpreter.CloseInput();
        Assert.Equal(0, await interpreter.WaitForExitAsync());

        var line = Assert.Single(interpreter.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(name, line);
        Assert.Contains("The server had an error processing your request", line);
        Assert.DoesNotContain("broke off", line);
        Assert.Contains(Partial, Providers.Chats(server)[^1].Body);
    }

    [Theory]
    [MemberData(nameof(AllProviders))]
    public async Task An_error_event_in_the_middle_of_a_reply_says_where_it_came_and_is_not_retried(string provider, string name)
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("talk", FakeReply.Faulty(StreamFault.ErrorEvent, Partial))
            .Otherwise(FakeReply.Text("Back again."));
        await using var interpreter = Providers.Start(provider, server, "--stdin");

        await interpreter.WriteLineAsync("talk");
        interpreter.CloseInput();
        Assert.Equal(1, await interpreter.WaitForExitAsync());

        var line = Assert.Single(interpreter.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"{name} sent a server error in the middle of the reply (500: The server had an error processing your request", line);
        Assert.Contains("what arrived is kept; it was not retried.", line);
        Assert.DoesNotContain("gave up", line);
        Assert.Single(Providers.Chats(server));
    }

    [Theory]
    [InlineData("openai", "OpenAI", "")]
    [InlineData("anthropic", "Anthropic", "")]
    [InlineData("openai", "OpenAI", Partial)]
    public async Task A_reply_stopped_by_the_content_filter_says_so_in_one_line(string provider, string name, string before)
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("talk", FakeReply.Faulty(StreamFault.ContentFilter, before), once: true)
            .Otherwise(FakeReply.Text("Back again."));
        await using var interpreter = Providers.Start(provider, server);

        await interpreter.WriteLineAsync("talk");
        await interpreter.WaitForErrorAsync("content filter", timeoutSeconds: 60);
        await interpreter.WriteLineAsync("continue");
        await interpreter.WaitForOutputAsync("Back again.");
        interpreter.CloseInput();
        Assert.Equal(0, await interpreter.WaitForExitAsync());

        var line = Assert.Single(interpreter.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"{name} stopped the reply with its content filter", line);
        Assert.Contains("Rephrase the request", line);
        Assert.Equal(before.Length > 0, line.Contains("what arrived is kept", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(AllProviders))]
    public async Task A_stream_cut_in_the_middle_of_a_line_is_one_line_naming_the_provider(string provider, string name)
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("talk", FakeReply.Faulty(StreamFault.HalfLine, Partial), once: true)
            .Otherwise(FakeReply.Text("Back again."));
        await using var interpreter = Providers.Start(provider, server);

        await interpreter.WriteLineAsync("talk");
        await interpreter.WaitForErrorAsync("broke off", timeoutSeconds: 60);
        await interpreter.WriteLineAsync("continue");
        await interpreter.WaitForOutputAsync("Back again.");
        interpreter.CloseInput();
        Assert.Equal(0, await interpreter.WaitForExitAsync());

        var line = Assert.Single(interpreter.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"The reply from {name} at ", line);
        Assert.Contains("what arrived is kept", line);
        Assert.Contains(Partial, Providers.Chats(server)[^1].Body);
    }

    [Theory]
    [MemberData(nameof(AllProviders))]
    public async Task An_html_page_instead_of_the_api_says_what_came(string provider, string name)
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Html("Sign in to HotelWiFi"));
        await using var interpreter = Providers.Start(provider, server, "--stdin");

        await interpreter.WriteLineAsync("hello");
        interpreter.CloseInput();

        Assert.Equal(1, await interpreter.WaitForExitAsync());
        var line = Assert.Single(interpreter.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("answered with an HTML page (\"Sign in to HotelWiFi\") instead of the API", line);
        Assert.DoesNotContain("broke off", line);
        Assert.Single(Providers.Chats(server));
        _ = name;
    }
}
