using System.Text.Json;
using Microsoft.ML.Tokenizers;
using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Cli.Tests.EndToEnd;

public sealed class SessionCommandTests
{
    private static FakeModelServer Server() => FakeModelServer.Start()
        .WhenLastMessageContains("run it", FakeReply.Execute("python", "print(6 * 7)"))
        .When(r => r.LastMessageText.Trim() == "42", FakeReply.Text("The answer is 42."))
        .Otherwise(FakeReply.Text("Fine."));

    private static async Task<InterpreterProcess> ChatAsync(FakeModelServer server, string work, params string[] lines)
    {
        var interpreter = Session.StartIn(work, server);
        var fine = 0;
        foreach (var line in lines)
        {
            await interpreter.WriteLineAsync(line);
            if (!line.StartsWith('%'))
            {
                await interpreter.WaitForOutputAsync("Fine.", ++fine);
            }
        }

        return interpreter;
    }

    private static async Task FinishAsync(InterpreterProcess interpreter)
    {
        interpreter.CloseInput();
        Assert.Equal(0, await interpreter.WaitForExitAsync());
    }

    private static string Work() => Directory.CreateTempSubdirectory("oi-commands-").FullName;

    [Fact]
    public async Task Undo_removes_the_last_exchange_from_the_next_request()
    {
        await using var server = Server();
        await using var interpreter = await ChatAsync(server, Work(), "first question", "second question", "%undo", "third question");
        await FinishAsync(interpreter);

        Assert.Contains("Removed the last exchange (2 messages).", interpreter.Stdout);
        var texts = server.Requests.Last().Messages.Skip(1).Select(RecordedRequest.ContentText).ToList();
        Assert.Equal(["first question", "Fine.", "third question"], texts);
    }

    [Fact]
    public async Task Undo_with_a_number_removes_that_many_exchanges_and_a_bad_number_removes_none()
    {
        await using var server = Server();
        await using var interpreter = await ChatAsync(server, Work(), "first question", "second question", "third question", "%undo many", "%undo 2", "fourth question");
        await FinishAsync(interpreter);

        Assert.Contains("Usage: %undo [n], n a number of exchanges (1 or more), not 'many'.", interpreter.Stdout);
        Assert.Contains("Removed the last 2 exchanges (4 messages).", interpreter.Stdout);
        var texts = server.Requests.Last().Messages.Skip(1).Select(RecordedRequest.ContentText).ToList();
        Assert.Equal(["first question", "Fine.", "fourth question"], texts);
    }

    [Fact]
    public async Task A_command_that_takes_nothing_refuses_what_follows_it_and_does_nothing()
    {
        await using var server = Server();
        await using var interpreter = await ChatAsync(server, Work(), "first question", "%reset now", "second question");
        await FinishAsync(interpreter);

        Assert.Contains("%reset takes nothing after it; leave out 'now'.", interpreter.Stdout);
        Assert.Equal(["first question", "Fine.", "second question"], server.Requests.Last().Messages.Skip(1).Select(RecordedRequest.ContentText));
    }

    [Fact]
    public async Task A_shell_command_that_fails_quietly_shows_its_exit_status()
    {
        await using var server = Server();
        await using var interpreter = await ChatAsync(server, Work(), "%% false", "what happened?");
        await FinishAsync(interpreter);

        Assert.Contains("[exit status 1]\n", interpreter.Stdout);
        Assert.Contains(server.Requests.Last().Messages, m => RecordedRequest.ContentText(m).Contains("$ false\n[exit status 1]"));
    }

    [Fact]
    public async Task Reset_starts_the_next_request_from_scratch()
    {
        await using var server = Server();
        await using var interpreter = await ChatAsync(server, Work(), "first question", "%reset", "second question");
        await FinishAsync(interpreter);

        Assert.Equal(2, server.Requests.Last().Messages.Count);
        Assert.Equal("second question", server.Requests.Last().LastMessageText);
    }

    [Fact]
    public async Task Tokens_prints_the_count_of_the_next_request_as_the_tokenizer_counts_it()
    {
        await using var server = Server();
        await using var interpreter = await ChatAsync(server, Work(), "first question", "%tokens what comes next?", "what comes next?");
        await FinishAsync(interpreter);

        // The request that followed is exactly what %tokens counted: OpenAI's formula, each message + 3, + 3.
        var tokenizer = TiktokenTokenizer.CreateForModel("gpt-4o");
        var messages = server.Requests.Last().Messages;
        var expected = messages.Sum(m => tokenizer.CountTokens(RecordedRequest.ContentText(m)) + 3) + 3;
        // The tool declarations go with every request and are counted too.
        var counted = System.Text.RegularExpressions.Regex.Match(interpreter.Stdout, @"The next request: (\d+) tokens in (\d+) messages \(the tool declarations are (\d+) of them\), of a context window of 128000\. Estimated cost: \$");
        Assert.True(counted.Success, interpreter.Stdout);
        var tools = int.Parse(counted.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(tools, 50, 5000);
        Assert.Equal(expected + tools, int.Parse(counted.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(messages.Count, int.Parse(counted.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Auto_run_and_verbose_switch_during_the_session()
    {
        await using var server = Server();
        await using var interpreter = Session.StartIn(Work(), server);
        await interpreter.WriteLineAsync("%auto_run true");
        await interpreter.WriteLineAsync("%verbose");
        await interpreter.WriteLineAsync("run it");
        await interpreter.WaitForOutputAsync("The answer is 42.");
        await FinishAsync(interpreter);

        Assert.Contains("Code will run without asking.", interpreter.Stdout);
        Assert.Contains("Verbose mode is on.", interpreter.Stdout);
        Assert.DoesNotContain("Would you like to run this code?", interpreter.Stdout);
        Assert.Contains("/chat/completions", interpreter.Stderr);
        Assert.DoesNotContain(Session.TestKey, interpreter.Stderr + interpreter.Stdout);
    }

    [Fact]
    public async Task Info_shows_the_model_and_masks_the_key()
    {
        await using var server = Server();
        await using var interpreter = await ChatAsync(server, Work(), "%info");
        await FinishAsync(interpreter);

        Assert.Contains($"model: gpt-4o at {server.BaseUrl}", interpreter.Stdout);
        Assert.Contains("api_key: sk-t…(28 chars) from --api_key", interpreter.Stdout);
        Assert.DoesNotContain(Session.TestKey, interpreter.Stdout);
    }

    [Fact]
    public async Task Save_message_and_load_message_carry_a_conversation_between_sessions()
    {
        var work = Work();
        await using var server = Server();
        await using (var first = await ChatAsync(server, work, "keep this", "%save_message saved.json"))
        {
            await FinishAsync(first);
        }

        await using var second = await ChatAsync(server, work, "%load_message saved.json", "and this");
        await FinishAsync(second);

        Assert.Contains("Loaded 2 messages from", second.Stdout);
        var texts = server.Requests.Last().Messages.Skip(1).Select(RecordedRequest.ContentText).ToList();
        Assert.Equal(["keep this", "Fine.", "and this"], texts);
    }

    [Fact]
    public async Task Markdown_and_jupyter_export_the_code_and_its_output()
    {
        var work = Work();
        await using var server = Server();
        await using var interpreter = Session.StartIn(work, server, "-y");
        await interpreter.WriteLineAsync("run it");
        await interpreter.WaitForOutputAsync("The answer is 42.");
        await interpreter.WriteLineAsync("%markdown");
        await interpreter.WriteLineAsync("%jupyter out.ipynb");
        await interpreter.WaitForOutputAsync("Wrote the notebook");
        await FinishAsync(interpreter);

        var markdown = File.ReadAllText(Path.Combine(work, "conversation.md"));
        Assert.Contains("## User\n\nrun it", markdown);
        Assert.Contains("```python\nprint(6 * 7)\n```\n\n```output\n42\n```", markdown);

        using var notebook = JsonDocument.Parse(File.ReadAllText(Path.Combine(work, "out.ipynb")));
        Assert.Equal(4, notebook.RootElement.GetProperty("nbformat").GetInt32());
        var code = notebook.RootElement.GetProperty("cells").EnumerateArray().Single(c => c.GetProperty("cell_type").GetString() == "code");
        Assert.Equal("print(6 * 7)", code.GetProperty("source")[0].GetString());
        Assert.Equal("42", code.GetProperty("outputs")[0].GetProperty("text")[0].GetString());
    }

    [Fact]
    public async Task A_shell_command_runs_and_the_model_sees_its_output()
    {
        await using var server = Server();
        await using var interpreter = await ChatAsync(server, Work(), "%% echo from-the-shell-$((40+2))", "what did it print?");
        await FinishAsync(interpreter);

        Assert.Contains("from-the-shell-42\n", interpreter.Stdout);
        Assert.Contains(server.Requests.Last().Messages, m => RecordedRequest.ContentText(m).Contains("from-the-shell-42"));
    }

    [Fact]
    public async Task An_unknown_command_says_so_and_shows_the_help()
    {
        await using var server = Server();
        await using var interpreter = await ChatAsync(server, Work(), "%frobnicate", "%help");
        await FinishAsync(interpreter);

        Assert.Contains("Unknown command: %frobnicate\n%reset", interpreter.Stdout);
        Assert.Equal(2, interpreter.Stdout.Split("%tokens [prompt]").Length - 1);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Help_shows_the_triple_quote_as_it_is_typed()
    {
        await using var server = Server();
        await using var interpreter = await ChatAsync(server, Work(), "%help");
        await FinishAsync(interpreter);

        Assert.Contains("\"\"\"                    open and close multi-line input", interpreter.Stdout);
        Assert.DoesNotContain("\\\"", interpreter.Stdout);
    }

    [Fact]
    public async Task Saving_into_a_folder_that_does_not_exist_is_refused_and_creates_nothing()
    {
        var work = Work();
        await using var server = Server();
        await using var interpreter = await ChatAsync(server, work, "first question", "%save_message no/such/dir/x.json", "%markdown .");
        await FinishAsync(interpreter);

        Assert.Contains($"There is no folder {Path.Combine(work, "no", "such", "dir")}.", interpreter.Stderr);
        Assert.False(Directory.Exists(Path.Combine(work, "no")));
        Assert.Contains($"{work} is a folder.", interpreter.Stderr);
        Assert.DoesNotContain("Unexpected error", interpreter.Stderr);
    }

    [Fact]
    public async Task Exporting_into_a_folder_that_takes_no_files_is_one_line_and_the_session_goes_on()
    {
        // /proc exists for everyone and refuses new files for root too, as a read-only or foreign folder does.
        await using var server = Server();
        await using var interpreter = await ChatAsync(server, Work(), "first question", "%markdown /proc/notes.md", "%jupyter /proc/notes.ipynb", "%save_message /proc/notes.json", "second question");
        await FinishAsync(interpreter);

        var errors = interpreter.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("/proc/notes.md could not be written: its folder takes no new files. Give a path in a folder you can write to.", errors);
        Assert.Contains(errors, l => l.StartsWith("/proc/notes.ipynb could not be written: ", StringComparison.Ordinal));
        Assert.Contains(errors, l => l.StartsWith("/proc/notes.json could not be written: ", StringComparison.Ordinal));
        Assert.DoesNotContain("Unexpected error", interpreter.Stderr);
        Assert.DoesNotContain(".tmp", interpreter.Stderr);
        Assert.Equal(["first question", "Fine.", "second question"], server.Requests.Last().Messages.Skip(1).Select(RecordedRequest.ContentText));
    }

    [Fact]
    public async Task Loading_a_damaged_file_says_so_in_one_line_and_keeps_the_conversation()
    {
        var work = Work();
        File.WriteAllBytes(Path.Combine(work, "bad.json"), [0xff, 0xfe, (byte)'[', (byte)'{', 0x01, (byte)'\n', (byte)'x']);
        await using var server = Server();
        await using var interpreter = await ChatAsync(server, work, "first question", "%load_message bad.json", "second question");
        await FinishAsync(interpreter);

        var line = Assert.Single(interpreter.Stderr.Split('\n'), l => l.Contains("bad.json", StringComparison.Ordinal));
        Assert.Equal($"{Path.Combine(work, "bad.json")} is not a conversation that can be loaded: it is not valid JSON (line 1). The conversation you have is unchanged.", line);
        Assert.Equal(["first question", "Fine.", "second question"], server.Requests.Last().Messages.Skip(1).Select(RecordedRequest.ContentText));
    }

    [Fact]
    public async Task Undoing_the_only_exchange_is_saved_so_continue_does_not_bring_it_back()
    {
        var home = Directory.CreateTempSubdirectory("oi-undo-home-").FullName;
        await using var server = Server();
        await using (var first = Session.StartAt(home, server))
        {
            await first.WriteLineAsync("the only question");
            await first.WaitForOutputAsync("Fine.");
            await first.WriteLineAsync("%undo");
            await first.WaitForOutputAsync("Removed the last exchange");
            await FinishAsync(first);
        }

        var saved = Assert.Single(Directory.GetFiles(Path.Combine(home, ".config", "open-interpreter", "conversations"), "*.json"));
        Assert.DoesNotContain("the only question", File.ReadAllText(saved));

        await using var second = Session.StartAt(home, server, "-c");
        await second.WriteLineAsync("a new question");
        await second.WaitForOutputAsync("Fine.", 1);
        await FinishAsync(second);
        Assert.Equal(["a new question"], server.Requests.Last().Messages.Skip(1).Select(RecordedRequest.ContentText));
    }
}
