using OpenInterpreter.Core.Languages;
using Xunit;

namespace OpenInterpreter.Core.Tests.Languages;

public sealed class PowerShellSessionTests : IAsyncLifetime
{
    private const string InstallHint = "dotnet tool install --global PowerShell";
    private readonly PowerShellSession _session = new() { InterruptGracePeriod = TimeSpan.FromSeconds(1) };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [FactRequiringCommand("pwsh", InstallHint)]
    public async Task Variables_and_functions_survive_to_the_next_run_and_values_are_shown()
    {
        var first = await _session.RunToEndAsync("$x = 41\nfunction Double($a) { $a * 2 }");
        var second = await _session.RunToEndAsync("$x + 1\nDouble $x");

        Assert.Equal(RunStatus.Succeeded, first.Status);
        Assert.Equal("", first.Stdout);
        Assert.Equal("42\n82\n", second.Stdout);
    }

    [FactRequiringCommand("pwsh", InstallHint)]
    public async Task An_error_fails_the_run_with_its_message()
    {
        var result = await _session.RunToEndAsync("$a = 1\nthrow 'bad value'");

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal("bad value", result.Completion.Error);
        Assert.Contains("Error at line 2: bad value", result.Stderr);
    }

    [FactRequiringCommand("pwsh", InstallHint)]
    public async Task Output_that_looks_like_a_marker_and_has_no_trailing_newline_comes_back_exactly()
    {
        var result = await _session.RunToEndAsync("[Console]::Out.Write(\"`u{1e}oi-fence-00000000000000000000000000000000`u{1e} ##end_of_execution## done\")");

        Assert.Equal("\u001eoi-fence-00000000000000000000000000000000\u001e ##end_of_execution## done", result.Stdout);
    }

    [FactRequiringCommand("pwsh", InstallHint)]
    public async Task Reading_stdin_gets_end_of_file_instead_of_hanging()
    {
        var result = await _session.RunToEndAsync("[Console]::In.ReadToEnd().Length");

        Assert.Equal("0\n", result.Stdout);
    }

    [FactRequiringCommand("pwsh", InstallHint)]
    public async Task An_interrupted_infinite_loop_ends_interrupted_and_the_next_run_says_state_was_lost()
    {
        await _session.RunToEndAsync("$kept = 'yes'");

        var interrupted = await _session.RunAndInterruptAfterOutputAsync("Write-Output 'started'\nwhile ($true) { }", "started\n");
        var next = await _session.RunToEndAsync("\"kept=$kept\"");

        Assert.Equal(RunStatus.Interrupted, interrupted.Status);
        Assert.Contains("state", interrupted.Completion.Error);
        Assert.Equal("kept=\n", next.Stdout);
    }

    [FactRequiringCommand("pwsh", InstallHint)]
    public async Task A_crash_ends_the_run_crashed_and_the_next_run_starts_a_fresh_process()
    {
        await _session.RunToEndAsync("$kept = 'yes'");

        var crashed = await _session.RunToEndAsync("[Environment]::Exit(1)");
        var next = await _session.RunToEndAsync("\"kept=$kept\"");

        Assert.Equal(RunStatus.Crashed, crashed.Status);
        Assert.Equal(
            "The powershell session ended (exit code 1); the next run starts a fresh session, so earlier state is lost.",
            crashed.Completion.Error);
        Assert.Equal("kept=\n", next.Stdout);
    }

    [FactRequiringCommand("pwsh", InstallHint)]
    public async Task Disposing_kills_the_children_it_spawned()
    {
        await _session.RunToEndAsync("Start-Process -FilePath sleep -ArgumentList 60");
        var group = _session.ProcessGroupId!.Value;
        Assert.True(ProcessGroup.LiveMembers(group).Count >= 2);

        await _session.DisposeAsync();

        Assert.Empty(await ProcessGroup.WaitUntilEmptyAsync(group));
    }
}
