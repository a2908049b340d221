using OpenInterpreter.Core.Languages;
using Xunit;

namespace OpenInterpreter.Core.Tests.Languages;

public sealed class ShellSessionTests : IAsyncLifetime
{
    private readonly ShellSession _session = new() { InterruptGracePeriod = TimeSpan.FromSeconds(1) };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task Variables_functions_and_exports_survive_to_the_next_run()
    {
        await _session.RunToEndAsync("x=41\ndeclare -i y=1\ngreet() { echo \"hello $1\"; }\nexport EXPORTED=yes");

        var result = await _session.RunToEndAsync("echo \"$x $y\"\ngreet you\nbash -c 'echo $EXPORTED'");

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal("41 1\nhello you\nyes\n", result.Stdout);
    }

    [Fact]
    public async Task A_cd_persists()
    {
        var directory = Directory.CreateTempSubdirectory("oi-cd-test-").FullName;
        try
        {
            await _session.RunToEndAsync($"cd '{directory}'");
            var result = await _session.RunToEndAsync("pwd");

            Assert.Equal(directory + "\n", result.Stdout);
        }
        finally
        {
            Directory.Delete(directory);
        }
    }

    [Fact]
    public async Task A_failing_last_command_fails_the_run_with_its_exit_status()
    {
        var result = await _session.RunToEndAsync("echo fine\n(exit 3)");

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal("exit status 3", result.Completion.Error);
        Assert.Equal("fine\n", result.Stdout);
    }

    [Fact]
    public async Task A_missing_command_reports_its_error_on_stderr()
    {
        var result = await _session.RunToEndAsync("no_such_command_here");

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal("exit status 127", result.Completion.Error);
        Assert.Contains("no_such_command_here: command not found", result.Stderr);
    }

    [Fact]
    public async Task Output_that_looks_like_a_marker_and_has_no_trailing_newline_comes_back_exactly()
    {
        var result = await _session.RunToEndAsync("printf '\\036oi-fence-00000000000000000000000000000000\\036 ##end_of_execution## done'");

        Assert.Equal("\u001eoi-fence-00000000000000000000000000000000\u001e ##end_of_execution## done", result.Stdout);
    }

    [Fact]
    public async Task Read_gets_end_of_file_instead_of_hanging()
    {
        var result = await _session.RunToEndAsync("read line\necho \"status $? [$line]\"\ncat");

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal("status 1 []\n", result.Stdout);
    }

    [Fact]
    public async Task Break_and_continue_in_a_cell_do_not_end_the_session()
    {
        await _session.RunToEndAsync("kept=yes\nbreak");
        await _session.RunToEndAsync("continue");

        var result = await _session.RunToEndAsync("echo $kept");

        Assert.Equal("yes\n", result.Stdout);
    }

    [Fact]
    public async Task An_interrupted_infinite_loop_ends_interrupted_and_the_session_keeps_its_state()
    {
        await _session.RunToEndAsync("kept=yes\nspin() { while :; do :; done; }");

        var interrupted = await _session.RunAndInterruptAfterOutputAsync("echo started\nspin\necho not reached", "started\n");
        var next = await _session.RunToEndAsync("echo $kept");

        Assert.Equal(RunStatus.Interrupted, interrupted.Status);
        Assert.Equal("started\n", interrupted.Stdout);
        Assert.True(interrupted.Elapsed < TimeSpan.FromSeconds(5), $"took {interrupted.Elapsed}");
        Assert.Equal("yes\n", next.Stdout);
    }

    [Fact]
    public async Task A_long_run_stops_tracing_every_command_and_an_interrupt_still_stops_it()
    {
        // Past the tracing budget (500 commands and 20 ms) the DEBUG trap is gone, so builtins run at bash's own speed;
        // the interrupt puts it back to end the loop that follows.
        var result = await _session.RunAndInterruptAsync(
            "i=0\nwhile (( i < 3000 )); do (( i++ )); done\nsleep 0.05\necho traced: \"$(trap -p DEBUG)\"\nwhile :; do :; done\necho not reached",
            TimeSpan.FromSeconds(2));
        var next = await _session.RunToEndAsync("echo $i");

        Assert.Equal(RunStatus.Interrupted, result.Status);
        Assert.Equal("traced: \n", result.Stdout);
        Assert.Equal("3000\n", next.Stdout);
    }

    [Fact]
    public async Task An_interrupted_foreground_command_ends_the_run()
    {
        var interrupted = await _session.RunAndInterruptAsync("sleep 30\necho not reached", TimeSpan.FromMilliseconds(500));
        var next = await _session.RunToEndAsync("echo alive");

        Assert.Equal(RunStatus.Interrupted, interrupted.Status);
        Assert.Equal("", interrupted.Stdout);
        Assert.Equal("alive\n", next.Stdout);
    }

    [Fact]
    public async Task A_sigint_between_runs_does_not_end_the_session()
    {
        await _session.RunToEndAsync("kept=yes");

        Assert.Equal(0, Libc.Kill(-_session.ProcessGroupId!.Value, Libc.SigInt));
        await Task.Delay(200);
        var next = await _session.RunToEndAsync("echo $kept");

        Assert.Equal("yes\n", next.Stdout);
    }

    [Fact]
    public async Task Exit_ends_the_run_crashed_and_the_next_run_starts_a_fresh_shell()
    {
        await _session.RunToEndAsync("kept=yes");

        var crashed = await _session.RunToEndAsync("echo bye\nexit 3");
        var next = await _session.RunToEndAsync("echo \"after [${kept-}]\"");

        Assert.Equal(RunStatus.Crashed, crashed.Status);
        Assert.Equal("bye\n", crashed.Stdout);
        Assert.Equal(
            "The shell session ended (exit code 3); the next run starts a fresh session, so earlier state is lost.",
            crashed.Completion.Error);
        Assert.Equal("after []\n", next.Stdout);
    }

    [Fact]
    public async Task Exit_with_a_background_job_still_holding_the_output_ends_promptly()
    {
        var crashed = await _session.RunToEndAsync("sleep 30 &\nexit 4");
        var next = await _session.RunToEndAsync("echo fresh");

        Assert.Equal(RunStatus.Crashed, crashed.Status);
        Assert.True(crashed.Elapsed < TimeSpan.FromSeconds(5), $"took {crashed.Elapsed}");
        Assert.Equal("fresh\n", next.Stdout);
    }

    [Fact]
    public async Task Active_line_events_follow_the_running_line_including_inside_functions()
    {
        var result = await _session.RunToEndAsync("f() {\n  echo in f\n}\necho a\nf\necho b");

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal([4, 5, 1, 2, 6, null], result.Lines);
    }

    [Fact]
    public async Task Invalid_utf8_output_is_replaced_not_fatal()
    {
        var result = await _session.RunToEndAsync("printf 'ok\\377!'");

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal("ok\uFFFD!", result.Stdout);
    }

    [Fact]
    public async Task A_redirected_stdout_does_not_stop_the_run_from_ending()
    {
        var result = await _session.RunToEndAsync("exec 1>/dev/null\necho hidden");
        var next = await _session.RunToEndAsync("echo still here >&2");

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal("", result.Stdout);
        Assert.Equal("still here\n", next.Stderr);
    }

    [Fact]
    public async Task The_shell_has_no_controlling_terminal_and_the_non_interactive_environment()
    {
        var result = await _session.RunToEndAsync(
            "( : </dev/tty ) 2>/dev/null && echo tty || echo no tty\necho $CI $PAGER $GIT_PAGER $GIT_EDITOR $DEBIAN_FRONTEND");

        Assert.Equal("no tty\n1 cat cat true noninteractive\n", result.Stdout);
    }

    [Fact]
    public async Task Disposing_kills_background_jobs_too()
    {
        await _session.RunToEndAsync("sleep 60 &\nsleep 61 &");
        var group = _session.ProcessGroupId!.Value;
        Assert.True(ProcessGroup.LiveMembers(group).Count >= 3);

        await _session.DisposeAsync();

        Assert.Empty(await ProcessGroup.WaitUntilEmptyAsync(group));
    }
}
