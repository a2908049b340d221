using OpenInterpreter.Core.Languages;
using Xunit;

namespace OpenInterpreter.Core.Tests.Languages;

public sealed class RSessionTests : IAsyncLifetime
{
    private readonly RSession _session = new() { InterruptGracePeriod = TimeSpan.FromSeconds(1) };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task Objects_and_functions_survive_to_the_next_run_and_visible_values_are_printed()
    {
        var first = await _session.RunToEndAsync("x <- 41\ndouble <- function(a) a * 2");
        var second = await _session.RunToEndAsync("x + 1\ninvisible(7)\ndouble(x)");

        Assert.Equal(RunStatus.Succeeded, first.Status);
        Assert.Equal("", first.Stdout);
        Assert.Equal("[1] 42\n[1] 82\n", second.Stdout);
    }

    [Fact]
    public async Task A_cell_larger_than_the_request_pipe_arrives_whole_with_its_multibyte_text_and_the_next_cell_still_runs()
    {
        // About 300 KB: a long comment, so that R need not parse a huge literal.
        var code = "# " + string.Concat(Enumerable.Repeat("é✓🎉", 30_000)) + "\ns <- 'é✓🎉'\ncat(nchar(s), s, '\\n')";

        var big = await _session.RunToEndAsync(code);
        var next = await _session.RunToEndAsync("cat(nchar(s) + 1, '\\n')");

        Assert.Equal(RunStatus.Succeeded, big.Status);
        Assert.Equal("3 é✓🎉 \n", big.Stdout);
        Assert.Equal("4 \n", next.Stdout);
    }

    [Fact]
    public async Task An_error_fails_the_run_with_its_message()
    {
        var result = await _session.RunToEndAsync("a <- 1\nstop('bad value')");

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal("Error: bad value", result.Completion.Error);
        Assert.Contains("bad value", result.Stderr);
        Assert.DoesNotContain("r_driver", result.Stderr);
    }

    [Fact]
    public async Task A_syntax_error_fails_the_run_and_the_session_lives_on()
    {
        await _session.RunToEndAsync("kept <- 'yes'");

        var broken = await _session.RunToEndAsync("f <- function( {");
        var next = await _session.RunToEndAsync("cat(kept)");

        Assert.Equal(RunStatus.Failed, broken.Status);
        Assert.Contains("unexpected", broken.Completion.Error);
        Assert.Equal("yes", next.Stdout);
    }

    [Fact]
    public async Task Output_that_looks_like_a_marker_and_has_no_trailing_newline_comes_back_exactly()
    {
        var result = await _session.RunToEndAsync("cat('\\036oi-fence-00000000000000000000000000000000\\036 ##end_of_execution## done')");

        Assert.Equal("\u001eoi-fence-00000000000000000000000000000000\u001e ##end_of_execution## done", result.Stdout);
    }

    [Fact]
    public async Task Reading_stdin_gets_end_of_file_instead_of_hanging()
    {
        var result = await _session.RunToEndAsync("length(readLines(file('stdin')))");

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal("[1] 0\n", result.Stdout);
    }

    [Fact]
    public async Task An_interrupted_infinite_loop_ends_interrupted_and_the_session_keeps_its_state()
    {
        await _session.RunToEndAsync("kept <- 'yes'");

        var interrupted = await _session.RunAndInterruptAfterOutputAsync("cat('started\\n')\nrepeat {}", "started\n");
        var next = await _session.RunToEndAsync("cat(kept)");

        Assert.Equal(RunStatus.Interrupted, interrupted.Status);
        Assert.Equal("started\n", interrupted.Stdout);
        Assert.True(interrupted.Elapsed < TimeSpan.FromSeconds(5), $"took {interrupted.Elapsed}");
        Assert.Equal("yes", next.Stdout);
    }

    [Fact]
    public async Task A_sigint_between_runs_does_not_end_the_session()
    {
        await _session.RunToEndAsync("kept <- 'yes'");

        Assert.Equal(0, Libc.Kill(-_session.ProcessGroupId!.Value, Libc.SigInt));
        await Task.Delay(200);
        var next = await _session.RunToEndAsync("cat(kept)");

        Assert.Equal("yes", next.Stdout);
    }

    [Fact]
    public async Task A_crash_ends_the_run_crashed_and_the_next_run_starts_a_fresh_process()
    {
        await _session.RunToEndAsync("kept <- 'yes'");

        var crashed = await _session.RunToEndAsync("cat('bye\\n')\nquit(save = 'no', status = 1)");
        var next = await _session.RunToEndAsync("exists('kept')");

        Assert.Equal(RunStatus.Crashed, crashed.Status);
        Assert.Equal("bye\n", crashed.Stdout);
        Assert.Equal(
            "The r session ended (exit code 1); the next run starts a fresh session, so earlier state is lost.",
            crashed.Completion.Error);
        Assert.Equal("[1] FALSE\n", next.Stdout);
    }

    [Fact]
    public async Task Active_line_events_follow_the_top_level_expressions_and_end_with_none()
    {
        var result = await _session.RunToEndAsync("a <- 1\nb <- 2\n\nprint(a + b)");

        Assert.Equal([1, 2, 4, null], result.Lines);
    }

    [Fact]
    public async Task Disposing_kills_the_children_it_spawned()
    {
        await _session.RunToEndAsync("system('sleep 60', wait = FALSE)");
        var group = _session.ProcessGroupId!.Value;
        Assert.True(ProcessGroup.LiveMembers(group).Count >= 2);

        await _session.DisposeAsync();

        Assert.Empty(await ProcessGroup.WaitUntilEmptyAsync(group));
    }
}
