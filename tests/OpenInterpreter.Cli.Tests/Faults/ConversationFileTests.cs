using OpenInterpreter.Cli.Tests.EndToEnd;
using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Cli.Tests.Faults;

public sealed class ConversationFileTests
{
    [Fact]
    public async Task Instances_that_start_together_with_the_same_first_words_never_overwrite_each_other()
    {
        const int instances = 6;
        var home = Directory.CreateTempSubdirectory("oi-shared-home-").FullName;
        var release = new TaskCompletionSource();
        await using var server = FakeModelServer.Start()
            .Otherwise(FakeReply.Held(FakeReply.Text("Here they are."), release.Task));
        var processes = Enumerable.Range(1, instances)
            .Select(_ => Session.StartAt(home, server, "--stdin"))
            .ToList();
        try
        {
            for (var i = 0; i < instances; i++)
            {
                await processes[i].WriteLineAsync($"list my files please {i}");
                processes[i].CloseInput();
            }

            // Every instance waits on its answer; released at once, they save in the same moment.
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (server.Requests.Count < instances && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            release.SetResult();
            foreach (var process in processes)
            {
                Assert.Equal(0, await process.WaitForExitAsync());
            }
        }
        finally
        {
            foreach (var process in processes)
            {
                await process.DisposeAsync();
            }
        }

        var files = Directory.GetFiles(Path.Combine(home, ".config", "open-interpreter", "conversations"), "*.json");
        Assert.Equal(instances, files.Length);
        var texts = files.Select(File.ReadAllText).ToList();
        for (var i = 0; i < instances; i++)
        {
            Assert.Single(texts, t => t.Contains($"list my files please {i}\"", StringComparison.Ordinal));
        }

        Assert.All(files, f => Assert.StartsWith("list_my_files_please__", Path.GetFileName(f)));
    }
}
