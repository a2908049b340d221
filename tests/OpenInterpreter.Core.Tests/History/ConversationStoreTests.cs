using OpenInterpreter.Core.History;
using OpenInterpreter.Core.Messages;
using Xunit;

namespace OpenInterpreter.Core.Tests.History;

public sealed class ConversationStoreTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("oi-conversations-").FullName;

    [Fact]
    public void A_failed_write_leaves_the_earlier_file_intact_and_no_temporary_file()
    {
        var path = Path.Combine(_folder, "chat.json");
        new ConversationStore(_folder).Save(path, [LmcMessage.UserText("first")]);
        var before = File.ReadAllText(path);

        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("[{\"role\": \"us"u8);
            throw new IOException("No space left on device");
        }));

        Assert.Equal(before, File.ReadAllText(path));
        Assert.Equal(["chat.json"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public void A_conversation_that_began_with_a_shell_command_is_named_for_the_command()
    {
        var recorder = new ConversationRecorder(new ConversationStore(_folder), () => new DateTime(2026, 12, 1, 19, 20, 0));

        recorder.Save([LmcMessage.ConsoleOutput("$ ls -la\ntotal 0")]);

        Assert.Equal("ls__December_01_2026_19-20-00.json", Path.GetFileName(recorder.Path));
    }

    [Fact]
    public void A_saved_conversation_reads_back_the_same_and_is_private()
    {
        var path = Path.Combine(_folder, "chat.json");
        List<LmcMessage> messages = [LmcMessage.UserText("hi"), LmcMessage.AssistantCode("python", "print(1)"), LmcMessage.ConsoleOutput("1"), LmcMessage.AssistantText("One.")];
        new ConversationStore(_folder).Save(path, messages);

        Assert.Equal(messages, ConversationStore.Load(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void A_conversation_written_by_open_interpreter_loads()
    {
        // As OI 0.3/0.4 writes it: indent 4, an image message, a confirmation with object content, extra keys.
        const string json = """
            [
                {"role": "user", "type": "message", "content": "plot a sine wave"},
                {"role": "assistant", "type": "message", "content": "Sure."},
                {"role": "assistant", "type": "code", "format": "python", "content": "import math\nprint(math.sin(1))"},
                {"role": "computer", "type": "confirmation", "format": "execution", "content": {"type": "code", "format": "python", "content": "x"}},
                {"role": "computer", "type": "console", "format": "output", "content": "0.8414709848078965\n"},
                {"role": "computer", "type": "image", "format": "base64.png", "content": "iVBORw0KGgo="},
                {"role": "assistant", "type": "message", "content": "Done.", "recipient": "user"}
            ]
            """;
        var path = Path.Combine(_folder, "plot_a_sine__October_02_2024_10-11-12.json");
        File.WriteAllText(path, json);

        var messages = ConversationStore.Load(path);

        Assert.Equal(7, messages.Count);
        Assert.Equal(LmcMessage.AssistantCode("python", "import math\nprint(math.sin(1))"), messages[2]);
        Assert.Equal("0.8414709848078965\n", messages[4].Content);
        Assert.Equal(LmcFormat.Base64Png, messages[5].Format);
        Assert.Equal("plot a sine", ConversationStore.Title(path));
    }

    [Fact]
    public void Listing_is_newest_first_and_reports_damaged_files()
    {
        var store = new ConversationStore(_folder);
        var old = Path.Combine(_folder, "old__x.json");
        var recent = Path.Combine(_folder, "recent__x.json");
        store.Save(old, [LmcMessage.UserText("a")]);
        store.Save(recent, [LmcMessage.UserText("b")]);
        File.SetLastWriteTime(old, DateTime.Now.AddHours(-1));
        File.WriteAllText(Path.Combine(_folder, "broken__x.json"), "[{\"role\":");

        var (conversations, damaged) = store.List();

        Assert.Equal([recent, old], conversations.Select(c => c.Path));
        Assert.Equal("broken__x.json", Path.GetFileName(Assert.Single(damaged)));
    }

    [Fact]
    public void File_names_follow_open_interpreter()
    {
        var time = new DateTime(2026, 11, 25, 3, 40, 12);
        Assert.Equal("How_big_is_my_home__November_25_2026_03-40-12.json", ConversationFileName.For("How big is my home folder? Tell me", time));
        Assert.Equal("hello__November_25_2026_03-40-12.json", ConversationFileName.For("hello", time));
        Assert.Equal("whats_this__November_25_2026_03-40-12.json", ConversationFileName.For("what/s this? now", time));
    }

    [Fact]
    public void The_recorder_names_the_file_once_and_saves_every_turn_into_it()
    {
        var recorder = new ConversationRecorder(new ConversationStore(_folder), () => new DateTime(2026, 1, 2, 3, 4, 5));
        List<LmcMessage> messages = [LmcMessage.UserText("list my files please")];
        recorder.Save(messages);
        messages.Add(LmcMessage.AssistantText("Here."));
        recorder.Save(messages);

        Assert.Equal("list_my_files__January_02_2026_03-04-05.json", Path.GetFileName(recorder.Path));
        Assert.Equal(2, ConversationStore.Load(recorder.Path!).Count);

        // Another conversation started in the same second with the same words does not overwrite it.
        var other = new ConversationRecorder(new ConversationStore(_folder), () => new DateTime(2026, 1, 2, 3, 4, 5));
        other.Save([LmcMessage.UserText("list my files please")]);
        Assert.Equal("list_my_files__January_02_2026_03-04-05_2.json", Path.GetFileName(other.Path));
        Assert.Equal(2, ConversationStore.Load(recorder.Path!).Count);
    }
    [Fact]
    public void Recorders_saving_at_the_same_moment_under_the_same_name_each_get_a_file_and_keep_it()
    {
        const int instances = 12;
        var recorders = Enumerable.Range(0, instances)
            .Select(_ => new ConversationRecorder(new ConversationStore(_folder), () => new DateTime(2026, 1, 2, 3, 4, 5)))
            .ToList();
        using var start = new Barrier(instances);
        var threads = recorders.Select((recorder, i) => new Thread(() =>
        {
            start.SignalAndWait();
            recorder.Save([LmcMessage.UserText($"list my files please {i}")]);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal(instances, recorders.Select(r => r.Path).Distinct().Count());
        for (var i = 0; i < instances; i++)
        {
            // Each instance's second save goes to the file it claimed, and holds its own conversation.
            recorders[i].Save([LmcMessage.UserText($"list my files please {i}"), LmcMessage.AssistantText($"answer {i}")]);
            Assert.Equal($"answer {i}", ConversationStore.Load(recorders[i].Path!)[1].Content);
        }

        Assert.Equal(instances, Directory.GetFiles(_folder, "*.json").Length);
    }
}
