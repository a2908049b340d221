using System.Globalization;

/// <summary>The peak resident memory (VmHWM) of a process, read from <c>/proc</c> while it lives.</summary>
internal sealed class PeakMemory : IAsyncDisposable
{
    private readonly int _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _polling;

    private PeakMemory(int pid)
    {
        _pid = pid;
        _polling = Task.Run(PollAsync);
    }

    /// <summary>The highest VmHWM read so far, in bytes.</summary>
    public long PeakBytes { get; private set; }

    /// <summary>Follows <paramref name="pid"/> until disposed; a process that exits keeps the last figure read.</summary>
    public static PeakMemory Follow(int pid) => new(pid);

    /// <summary>Resets this process's own peak (clear_refs 5), so an in-process run is measured alone.</summary>
    public static void ResetOwnPeak() => File.WriteAllText("/proc/self/clear_refs", "5");

    /// <summary>Reads the figure once more now (before the process is told to exit).</summary>
    public void Sample()
    {
        if (Read(_pid) is { } bytes && bytes > PeakBytes)
        {
            PeakBytes = bytes;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _polling;
        _stop.Dispose();
    }

    private async Task PollAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Sample();
            try
            {
                await Task.Delay(20, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static long? Read(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
