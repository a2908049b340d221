using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace OpenInterpreter.Cli.Tests;

/// <summary>
/// The real <c>interpreter</c> program started as a child process, in a session of its own (no controlling
/// terminal), with its own home folder, so tests see exactly what a user would: stdout, stderr and the exit code.
/// </summary>
public sealed partial class InterpreterProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Task _readers;

    private readonly bool _ownsHome;

    private InterpreterProcess(Process process, string home, bool ownsHome)
    {
        _process = process;
        Home = home;
        _ownsHome = ownsHome;
        _readers = Task.WhenAll(Pump(process.StandardOutput, _stdout), Pump(process.StandardError, _stderr));
    }

    /// <summary>The HOME of the child, with its config and cache folders inside.</summary>
    public string Home { get; }

    public string Stdout { get { lock (_stdout) { return _stdout.ToString(); } } }

    public string Stderr { get { lock (_stderr) { return _stderr.ToString(); } } }

    /// <summary>
    /// Starts <c>interpreter</c> with <paramref name="arguments"/>; <paramref name="workingDirectory"/> defaults to a fresh
    /// folder, and <paramref name="home"/> to a fresh home that is deleted afterwards (a given one is kept, to share it).
    /// </summary>
    public static InterpreterProcess Start(IEnumerable<string> arguments, string? workingDirectory = null, IDictionary<string, string>? environment = null, string? home = null, bool discardStdout = false)
    {
        var ownsHome = home is null;
        home ??= Directory.CreateTempSubdirectory("oi-home-").FullName;
        var start = new ProcessStartInfo("setsid")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Directory.CreateTempSubdirectory("oi-work-").FullName,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (discardStdout)
        {
            // For output too large to keep: the shell execs the program (same pid) with stdout on /dev/null.
            start.ArgumentList.Add("sh");
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("exec \"$@\" > /dev/null");
            start.ArgumentList.Add("sh");
        }

        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "interpreter.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["HOME"] = home;
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(home, ".config");
        start.Environment["XDG_CACHE_HOME"] = Path.Combine(home, ".cache");
        start.Environment.Remove("OPENAI_API_KEY");
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return new InterpreterProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start interpreter"), home, ownsHome);
    }

    /// <summary>The most memory the program has held so far (VmHWM), in bytes.</summary>
    public long PeakResidentBytes() =>
        long.Parse(File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;

    public async Task WriteLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>The program's process id.</summary>
    public int Pid => _process.Id;

    /// <summary>Sends <paramref name="signal"/> (15 SIGTERM, 1 SIGHUP…) to the program alone.</summary>
    public void Signal(int signal) => _ = Kill(_process.Id, signal);

    /// <summary>Sends SIGINT, as Ctrl-C in a terminal would.</summary>
    public void Interrupt() => _ = Kill(_process.Id, 2);

    /// <summary>Waits until stdout contains <paramref name="text"/> (after <paramref name="occurrence"/> - 1 earlier ones).</summary>
    public Task WaitForOutputAsync(string text, int occurrence = 1, int timeoutSeconds = 30) =>
        WaitForAsync(() => Stdout, text, occurrence, timeoutSeconds);

    /// <summary>Waits until stderr contains <paramref name="text"/>.</summary>
    public Task WaitForErrorAsync(string text, int timeoutSeconds = 30) => WaitForAsync(() => Stderr, text, 1, timeoutSeconds);

    private async Task WaitForAsync(Func<string> stream, string text, int occurrence, int timeoutSeconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (Count(stream(), text) < occurrence)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"'{text}' did not appear.\n--- stdout:\n{Stdout}\n--- stderr:\n{Stderr}");
            }

            if (_process.HasExited && Count(stream(), text) < occurrence)
            {
                await _readers;
                if (Count(stream(), text) >= occurrence)
                {
                    return;
                }

                throw new InvalidOperationException($"interpreter exited ({_process.ExitCode}) before '{text}' appeared.\n--- stdout:\n{Stdout}\n--- stderr:\n{Stderr}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Waits for the program to end and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(int timeoutSeconds = 60)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"interpreter did not exit.\n--- stdout:\n{Stdout}\n--- stderr:\n{Stderr}");
        }

        await _readers;
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _ = Kill(-_process.Id, 9);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        if (!_ownsHome)
        {
            return;
        }

        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int Count(string haystack, string needle)
    {
        var count = 0;
        for (var i = haystack.IndexOf(needle, StringComparison.Ordinal); i >= 0; i = haystack.IndexOf(needle, i + needle.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private async Task Pump(StreamReader reader, StringBuilder into)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (into)
            {
                into.Append(buffer, 0, read);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
