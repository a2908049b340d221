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
}
