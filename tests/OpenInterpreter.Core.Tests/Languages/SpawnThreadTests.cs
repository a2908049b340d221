using System.Diagnostics;
using OpenInterpreter.Core.Languages;
using Xunit;

namespace OpenInterpreter.Core.Tests.Languages;

public sealed class SpawnThreadTests
{
    /// <summary>A child with a parent-death signal (as bubblewrap's --die-with-parent and the drivers' setpriv set it)
    /// started on a thread that then ends; true when it still runs afterwards.</summary>
    private static async Task<bool> OutlivesItsStartingThreadAsync(Func<ProcessStartInfo, Process> start)
    {
        Process? child = null;
        var thread = new Thread(() =>
        {
            child = start(new ProcessStartInfo("setpriv", ["--pdeathsig", "KILL", "--", "sleep", "30"]));
            // setpriv sets the signal after the start returns: a thread that ended before would not be its trigger.
            Thread.Sleep(300);
        });
        thread.Start();
        thread.Join();
        try
        {
            // The signal is sent as the thread exits; give the kernel a moment to deliver it.
            await Task.Delay(300);
            return !child!.HasExited;
        }
        finally
        {
            if (!child!.HasExited)
            {
                child.Kill();
            }

            child.Dispose();
        }
    }

    [FactRequiringCommand("setpriv", "apt install util-linux")]
    public async Task A_child_started_on_the_spawn_thread_outlives_the_thread_that_asked_for_it()
    {
        Assert.True(await OutlivesItsStartingThreadAsync(SpawnThread.Start));
    }

    [FactRequiringCommand("setpriv", "apt install util-linux")]
    public async Task A_child_started_on_a_thread_that_ends_is_killed_with_it_which_is_why_the_spawn_thread_exists()
    {
        Assert.False(await OutlivesItsStartingThreadAsync(start => Process.Start(start)!));
    }

    [Fact]
    public void A_start_that_fails_throws_to_the_caller()
    {
        Assert.ThrowsAny<System.ComponentModel.Win32Exception>(() => SpawnThread.Start(new ProcessStartInfo("/nonexistent/oi-no-such-program")));
    }
}
