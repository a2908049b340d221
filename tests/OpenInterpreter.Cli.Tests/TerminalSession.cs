using System.Diagnostics;

namespace OpenInterpreter.Cli.Tests;

/// <summary>
/// The real <c>interpreter</c> running in a pseudo-terminal (a detached tmux session), for what only happens at a
/// terminal: line editing, the selection prompt. Keys go in with <c>send-keys</c>; the screen comes back as text.
/// </summary>
public sealed class TerminalSession : IAsyncDisposable
{
    private readonly string _name = $"oi-test-{Guid.NewGuid():N}";
    private readonly string _log = Path.Combine(Path.GetTempPath(), $"oi-tty-{Guid.NewGuid():N}.log");
    private string? _statusFile;

    private TerminalSession(string home) => Home = home;

    public string Home { get; }

    /// <summary>The tmux session's name.</summary>
    public string Name => _name;

    /// <summary>Starts <c>interpreter</c> with <paramref name="arguments"/> in a 120×40 terminal with <paramref name="home"/> as HOME.</summary>
    public static Task<TerminalSession> StartAsync(string home, params string[] arguments) => StartAsync(home, stdoutFile: null, environment: null, arguments);

    /// <summary>
    /// As <see cref="StartAsync(string, string[])"/>, with standard output sent to <paramref name="stdoutFile"/>
    /// (<c>&gt; out.txt</c>). Its own name: as an overload of StartAsync it would take a first argument for the file.
    /// </summary>
    public static Task<TerminalSession> StartWithStdoutAsync(string home, string stdoutFile, params string[] arguments) => StartAsync(home, stdoutFile, environment: null, arguments);

    /// <summary>As <see cref="StartWithStdoutAsync"/> (when <paramref name="stdoutFile"/> is given), with more environment variables.</summary>
    public static Task<TerminalSession> StartAsync(string home, string? stdoutFile, IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        StartAsync(home, stdoutFile, environment, recordExit: false, arguments);

    /// <summary>
    /// As <see cref="StartAsync(string, string[])"/>, with the exit status kept for <see cref="ExitStatusAsync"/>: a
    /// shell in the pane waits for the program and writes it down. tmux's own pane status is not to be trusted: in
    /// about half the runs on a loaded machine tmux 3.3a left the exited program a zombie, unreaped, for 30 s and more.
    /// </summary>
    public static Task<TerminalSession> StartRecordingExitAsync(string home, params string[] arguments) =>
        StartAsync(home, stdoutFile: null, environment: null, recordExit: true, arguments);

    private static async Task<TerminalSession> StartAsync(string home, string? stdoutFile, IReadOnlyDictionary<string, string>? environment, bool recordExit, string[] arguments)
    {
        var session = new TerminalSession(home);
        var work = Directory.CreateTempSubdirectory("oi-tty-work-").FullName;
        session._statusFile = recordExit ? Path.Combine(work, ".exit-status") : null;
        // "trap : INT": a Ctrl-C that reaches the shell too does not end it before it writes the status; the program
        // itself starts with the default disposition, as a handler (unlike an ignored signal) is not inherited.
        string[] redirect = stdoutFile is not null ? ["sh", "-c", "exec \"$@\" > \"$0\"", stdoutFile]
            : recordExit ? ["sh", "-c", "trap : INT; \"$@\"; echo $? > \"$0\"", session._statusFile!]
            : [];
        string[] command =
        [
            .. redirect, "env", $"HOME={home}", $"XDG_CONFIG_HOME={home}/.config", $"XDG_CACHE_HOME={home}/.cache", "OPENAI_API_KEY=", "DOTNET_NOLOGO=1", "TERM=xterm-256color",
            .. (environment ?? new Dictionary<string, string>()).Select(pair => $"{pair.Key}={pair.Value}"),
            "dotnet", Path.Combine(AppContext.BaseDirectory, "interpreter.dll"), .. arguments,
        ];
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Tmux(["new-session", "-d", "-s", session._name, "-x", "120", "-y", "40", "-c", work, string.Join(' ', command.Select(Quote))]);
                break;
            }
            catch (InvalidOperationException e) when (attempt < 5 && e.Message.Contains("server exited unexpectedly", StringComparison.Ordinal))
            {
                // The tmux server quits when another test's last session ends; the next command starts a new one.
                await Task.Delay(200);
            }
        }

        // Keep the pane after the program exits, so its last screen can still be read.
        await Tmux(["set-option", "-t", session._name, "remain-on-exit", "on"]);
        // Everything the program writes, escape sequences included (the cursor's state is not kept for a dead pane).
        await Tmux(["pipe-pane", "-o", "-t", session._name, $"cat >> {Quote(session._log)}"]);
        return session;
    }

    /// <summary>Types <paramref name="text"/> literally.</summary>
    public Task TypeAsync(string text) => Tmux(["send-keys", "-t", _name, "-l", text]);

    /// <summary>Presses keys by tmux name: <c>Enter</c>, <c>Up</c>, <c>Left</c>, <c>C-d</c>.</summary>
    public Task PressAsync(params string[] keys) => Tmux(["send-keys", "-t", _name, .. keys]);

    public Task<string> ScreenAsync() => Tmux(["capture-pane", "-p", "-t", _name, "-S", "-200"]);

    /// <summary>As <see cref="ScreenAsync"/>, with the colours and emphasis on screen as escape sequences (<c>capture-pane -e</c>).</summary>
    public Task<string> ColouredScreenAsync() => Tmux(["capture-pane", "-p", "-e", "-t", _name, "-S", "-200"]);

    /// <summary>Only what is on the screen now, without the scrollback.</summary>
    public Task<string> VisibleScreenAsync() => Tmux(["capture-pane", "-p", "-t", _name]);

    /// <summary>Everything the pane holds: the screen and the whole scrollback.</summary>
    public Task<string> HistoryAsync() => Tmux(["capture-pane", "-p", "-t", _name, "-S", "-"]);

    /// <summary>Makes the window <paramref name="columns"/> wide, as a user dragging its edge does.</summary>
    public Task ResizeAsync(int columns, int rows = 40) => Tmux(["resize-window", "-t", _name, "-x", columns.ToString(System.Globalization.CultureInfo.InvariantCulture), "-y", rows.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

    /// <summary>
    /// Whether the program left the cursor visible: no "hide cursor" in its output after the last "show cursor" (a
    /// program that hid it and died leaves the user's shell without one). Read from the program's output, as tmux
    /// reports no cursor for a dead pane.
    /// </summary>
    public bool CursorLeftVisible()
    {
        var output = File.Exists(_log) ? File.ReadAllText(_log) : "";
        return output.LastIndexOf("\u001b[?25l", StringComparison.Ordinal) <= output.LastIndexOf("\u001b[?25h", StringComparison.Ordinal);
    }

    /// <summary>Everything the program wrote to the terminal so far, escape sequences included.</summary>
    public string RawOutput() => File.Exists(_log) ? File.ReadAllText(_log) : "";

    /// <summary>The process id of the program in the pane.</summary>
    public async Task<int> ProcessIdAsync() => int.Parse((await Tmux(["display-message", "-p", "-t", _name, "#{pane_pid}"])).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The exit status of a program started with <see cref="StartRecordingExitAsync"/>, once it has ended.</summary>
    public async Task<string> ExitStatusAsync(int timeoutSeconds = 30)
    {
        var file = _statusFile ?? throw new InvalidOperationException("Start the session with StartRecordingExitAsync to know its exit status.");
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            // The shell writes the line in one write; a file not yet there or still empty means not yet.
            var status = File.Exists(file) ? File.ReadAllText(file).Trim() : "";
            if (status.Length > 0)
            {
                return status;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The program did not end:\n{await ScreenAsync()}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Presses Ctrl-D at the prompt until the program has ended (at most three times). A Ctrl-D that lands after the
    /// prompt is drawn but before the line editor reads keys is taken by the terminal's own line discipline and lost on
    /// a loaded machine; the user would press it again, and so does this.
    /// </summary>
    public async Task ExitWithCtrlDAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            await PressAsync("C-d");
            try
            {
                await WaitForExitAsync(timeoutSeconds: attempt < 3 ? 5 : 30);
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>True once the program in the pane has ended.</summary>
    public async Task<bool> HasEndedAsync() => (await Tmux(["display-message", "-p", "-t", _name, "#{pane_dead}"])).Trim() == "1";

    /// <summary>
    /// Waits until the program has ended. tmux's own flag says so; its "Pane is dead" line is not always drawn by the
    /// time the pane is captured.
    /// </summary>
    public async Task WaitForExitAsync(int timeoutSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!await HasEndedAsync())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The program did not end:\n{await ScreenAsync()}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits until <paramref name="text"/> is no longer on the screen (<paramref name="visibleOnly"/>: not counting the scrollback).</summary>
    public async Task WaitForGoneAsync(string text, bool visibleOnly = false, int timeoutSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        string screen;
        while ((screen = visibleOnly ? await VisibleScreenAsync() : await ScreenAsync()).Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"'{text}' stayed on the screen:\n{screen}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits until the screen shows <paramref name="text"/> <paramref name="occurrence"/> times (tmux drops trailing spaces).</summary>
    public async Task WaitForAsync(string text, int occurrence = 1, int timeoutSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        string screen;
        while ((screen = await ScreenAsync()).Split(text).Length - 1 < occurrence)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"'{text}' did not appear on the screen:\n{screen}");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Tmux(["kill-session", "-t", _name], check: false);
        File.Delete(_log);
    }

    private static string Quote(string word) => $"'{word.Replace("'", "'\\''", StringComparison.Ordinal)}'";

    private static async Task<string> Tmux(string[] arguments, bool check = true)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tmux {string.Join(' ', arguments)} failed: {error}");
        }

        return output;
    }
}
