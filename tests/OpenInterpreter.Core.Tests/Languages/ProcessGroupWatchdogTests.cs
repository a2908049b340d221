using System.Diagnostics;
using OpenInterpreter.Core.Languages;
using Xunit;

namespace OpenInterpreter.Core.Tests.Languages;

public sealed class ProcessGroupWatchdogTests
{
    [FactRequiringCommand("setsid", "util-linux")]
    public async Task At_the_end_of_its_input_it_kills_the_groups_it_watches_and_spares_those_it_was_told_to_forget()
    {
        using var watched = Group();
        using var forgotten = Group();
        using var alsoWatched = Group();
        var watchdog = new ProcessGroupWatchdog();
        watchdog.Watch(watched.Id);
        watchdog.Watch(forgotten.Id);
        watchdog.Watch(alsoWatched.Id);
        watchdog.Forget(forgotten.Id);

        try
        {
            Assert.False(watched.WaitForExit(300), "a watched group was killed before the watchdog's input ended");
            watchdog.Dispose();

            await watched.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            await alsoWatched.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            Assert.False(forgotten.WaitForExit(500), "the watchdog killed a group it was told to forget");
        }
        finally
        {
            foreach (var group in new[] { watched, forgotten, alsoWatched }.Where(p => !p.HasExited))
            {
                group.Kill();
            }
        }
    }

    /// <summary>A sleep that leads a process group of its own (setsid execs it, so its pid is the group's id).</summary>
    private static Process Group() =>
        Process.Start(new ProcessStartInfo("setsid", ["sleep", "60"]) { UseShellExecute = false })!;
}
