using OpenInterpreter.Core.Languages;
using Xunit;

namespace OpenInterpreter.Core.Tests.Languages;

public sealed class SessionDirectoryTests
{
    [Fact]
    public void A_session_directory_is_new_private_and_in_memory_where_linux_has_dev_shm()
    {
        var first = SessionDirectory.Create();
        var second = SessionDirectory.Create();
        try
        {
            Assert.NotEqual(first.FullName, second.FullName);
            Assert.True(first.Exists);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, first.UnixFileMode);
            if (OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is null && Directory.Exists("/dev/shm"))
            {
                Assert.StartsWith("/dev/shm/oi-session-", first.FullName, StringComparison.Ordinal);
            }
        }
        finally
        {
            first.Delete(recursive: true);
            second.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_directories_of_an_interpreter_that_no_longer_runs_are_swept_and_no_others()
    {
        var parent = Directory.CreateTempSubdirectory("oi-sweep-test-");
        try
        {
            // A process that ran and ended: its id names no process now.
            using var ended = System.Diagnostics.Process.Start("true")!;
            ended.WaitForExit();
            var dead = parent.CreateSubdirectory(SessionDirectory.NameStart(ended.Id) + "abc123");
            File.WriteAllText(Path.Combine(dead.FullName, "cell-1.sh"), "echo hi");
            var ours = parent.CreateSubdirectory(SessionDirectory.NameStart(Environment.ProcessId) + "def456");
            var running = parent.CreateSubdirectory(SessionDirectory.NameStart(1) + "ghi789");
            var otherNamespace = parent.CreateSubdirectory($"oi-session-1-{ended.Id}-jkl012");
            var oldName = parent.CreateSubdirectory("oi-session-mno345");

            Assert.Equal(1, SessionDirectory.Sweep(parent.FullName));

            Assert.False(Directory.Exists(dead.FullName));
            Assert.All([ours, running, otherNamespace, oldName], kept => Assert.True(Directory.Exists(kept.FullName), kept.Name));
        }
        finally
        {
            parent.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_new_session_directory_is_named_for_this_process()
    {
        var made = SessionDirectory.Create();
        try
        {
            Assert.StartsWith(SessionDirectory.NameStart(Environment.ProcessId), made.Name, StringComparison.Ordinal);
        }
        finally
        {
            made.Delete(recursive: true);
        }
    }
}
