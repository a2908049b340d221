namespace OpenInterpreter.Cli.Tests.Faults;

/// <summary>Whether processes still run, read from /proc (a zombie waiting to be reaped counts as ended).</summary>
internal static class ProcessTable
{
    public static bool IsRunning(int pid)
    {
        try
        {
            // /proc/PID/stat: "pid (name) S …"; the state follows the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state is not ("Z" or "X");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false;
        }
    }

    /// <summary>Waits until none of <paramref name="pids"/> runs; false when some still run after <paramref name="timeout"/>.</summary>
    public static async Task<bool> WaitUntilGoneAsync(IEnumerable<int> pids, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (pids.Any(IsRunning))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }
}
