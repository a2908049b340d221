using OpenInterpreter.Core.Languages;
using Xunit;

namespace OpenInterpreter.Core.Tests.Languages;

public sealed class RubySessionTests : IAsyncLifetime
{
    private readonly RubySession _session = new() { InterruptGracePeriod = TimeSpan.FromSeconds(1) };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task Local_variables_and_methods_survive_to_the_next_run()
    {
        var first = await _session.RunToEndAsync("x = 41\ndef double(a) = a * 2");
        var second = await _session.RunToEndAsync("puts x + 1\nputs double(x)");

        Assert.Equal(RunStatus.Succeeded, first.Status);
        Assert.Equal("", first.Stdout);
        Assert.Equal("42\n82\n", second.Stdout);
    }

    [Fact]
    public async Task A_cell_larger_than_the_request_fifo_arrives_whole_with_its_multibyte_text_and_the_next_cell_still_runs()
    {
        var code = "s = '" + string.Concat(Enumerable.Repeat("é✓🎉", 200_000)) + "'\nputs \"#{s.length} #{s[-3..]}\"";

        var big = await _session.RunToEndAsync(code);
        var next = await _session.RunToEndAsync("puts s.length + 1");

        Assert.Equal(RunStatus.Succeeded, big.Status);
        Assert.Equal("600000 é✓🎉\n", big.Stdout);
        Assert.Equal("600001\n", next.Stdout);
    }

    [Fact]
    public async Task An_exception_fails_the_run_with_its_message_and_a_backtrace_without_driver_frames()
    {
        var result = await _session.RunToEndAsync("a = 1\nraise ArgumentError, 'bad value'");

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal("ArgumentError: bad value", result.Completion.Error);
        Assert.Contains("<cell-1>:2", result.Stderr);
        Assert.DoesNotContain("ruby_driver", result.Stderr);
    }

    [Fact]
    public async Task A_syntax_error_fails_the_run_and_the_session_lives_on()
    {
        var broken = await _session.RunToEndAsync("def broken(\n");
        var next = await _session.RunToEndAsync("puts 1");

        Assert.Equal(RunStatus.Failed, broken.Status);
        Assert.StartsWith("SyntaxError", broken.Completion.Error);
        Assert.Equal("1\n", next.Stdout);
    }

    [Fact]
    public async Task Output_that_looks_like_a_marker_and_has_no_trailing_newline_comes_back_exactly()
    {
        var result = await _session.RunToEndAsync("print \"\\x1eoi-fence-00000000000000000000000000000000\\x1e ##end_of_execution## done\"");

        Assert.Equal("\u001eoi-fence-00000000000000000000000000000000\u001e ##end_of_execution## done", result.Stdout);
    }

    [Fact]
    public async Task Reading_stdin_gets_end_of_file_instead_of_hanging()
    {
        var result = await _session.RunToEndAsync("p $stdin.read\np gets");

        Assert.Equal("\"\"\nnil\n", result.Stdout);
    }

    [Fact]
    public async Task An_interrupted_infinite_loop_ends_interrupted_and_the_session_keeps_its_state()
    {
        await _session.RunToEndAsync("kept = 'yes'");

        var interrupted = await _session.RunAndInterruptAfterOutputAsync("puts 'started'\nloop {}", "started\n");
        var next = await _session.RunToEndAsync("puts kept");

        Assert.Equal(RunStatus.Interrupted, interrupted.Status);
        Assert.Equal("started\n", interrupted.Stdout);
        Assert.True(interrupted.Elapsed < TimeSpan.FromSeconds(5), $"took {interrupted.Elapsed}");
        Assert.Equal("yes\n", next.Stdout);
    }

    [Fact]
    public async Task Code_that_ignores_the_interrupt_is_killed_and_the_next_run_says_state_was_lost()
    {
        await _session.RunToEndAsync("kept = 'yes'");

        var interrupted = await _session.RunAndInterruptAsync("trap('INT') {}\nloop { sleep 0.05 }", TimeSpan.FromMilliseconds(500));
        var next = await _session.RunToEndAsync("puts defined?(kept).inspect");

        Assert.Equal(RunStatus.Interrupted, interrupted.Status);
        Assert.Contains("state", interrupted.Completion.Error);
        Assert.Equal("nil\n", next.Stdout);
    }

    [Fact]
    public async Task A_sigint_between_runs_does_not_end_the_session()
    {
        await _session.RunToEndAsync("kept = 'yes'");

        Assert.Equal(0, Libc.Kill(-_session.ProcessGroupId!.Value, Libc.SigInt));
        await Task.Delay(200);
        var next = await _session.RunToEndAsync("puts kept");

        Assert.Equal("yes\n", next.Stdout);
    }

    [Fact]
    public async Task A_crash_ends_the_run_crashed_and_the_next_run_starts_a_fresh_process()
    {
        await _session.RunToEndAsync("kept = 'yes'");

        var crashed = await _session.RunToEndAsync("puts 'bye'\nexit!(1)");
        var next = await _session.RunToEndAsync("puts defined?(kept).inspect");

        Assert.Equal(RunStatus.Crashed, crashed.Status);
        Assert.Equal("bye\n", crashed.Stdout);
        Assert.Equal(
            "The ruby session ended (exit code 1); the next run starts a fresh session, so earlier state is lost.",
            crashed.Completion.Error);
        Assert.Equal("nil\n", next.Stdout);
    }

    [Fact]
    public async Task Exit_ends_the_run_not_the_session()
    {
        await _session.RunToEndAsync("kept = 'yes'");

        var exited = await _session.RunToEndAsync("exit 3");
        var next = await _session.RunToEndAsync("puts kept");

        Assert.Equal(RunStatus.Failed, exited.Status);
        Assert.Equal("yes\n", next.Stdout);
    }

    [Fact]
    public async Task Active_line_events_follow_the_running_line_and_end_with_none()
    {
        var result = await _session.RunToEndAsync("a = 1\nb = 2\nputs a + b");

        Assert.Equal([1, 2, 3, null], result.Lines);
    }

    [Fact]
    public async Task A_long_run_stops_tracing_every_line_but_still_reports_the_line_it_sleeps_on()
    {
        // The busy loop outlasts the exact-tracing budget; after it no TracePoint slows the code, and the sampler
        // still finds line 6 while it sleeps. Output printed while it sleeps still streams out before the end.
        var result = await _session.RunToEndAsync(
            "start = Process.clock_gettime(Process::CLOCK_MONOTONIC)\nwhile Process.clock_gettime(Process::CLOCK_MONOTONIC) - start < 0.2\n  x = 1\nend\n"
            + "puts ObjectSpace.each_object(TracePoint).none?(&:enabled?)\nsleep 1.5\nputs 'done'");

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal("true\ndone\n", result.Stdout);
        Assert.Contains(6, result.Lines);
        Assert.Null(result.Lines[^1]);
        var printed = result.Events.ToList().FindIndex(e => e is OutputWritten { Text: "true\n" });
        var sleeping = result.Events.ToList().FindIndex(e => e is ActiveLineChanged { Line: 6 });
        Assert.InRange(printed, 0, result.Events.Count - 3);
        Assert.True(sleeping >= 0);
    }

    [Fact]
    public async Task Every_line_a_busy_loop_prints_after_the_tracing_budget_arrives_once_and_in_order()
    {
        // Two seconds of puts: the sampler thread runs through forty-odd of its ticks while the main thread writes
        // into STDOUT's buffer. A flush from the sampler raced those writes and doubled or lost bytes now and then.
        const string code = "start = Process.clock_gettime(Process::CLOCK_MONOTONIC)\ni = 0\n"
            + "while (i & 1023) != 0 || Process.clock_gettime(Process::CLOCK_MONOTONIC) - start < 2\n  puts i\n  i += 1\nend\n"
            + "puts \"end #{i}\"";
        var lines = new NumberedLines();
        RunCompleted? completion = null;

        // Not RunToEndAsync: it would keep the hundred-odd megabytes of output this prints.
        await Task.Run(async () =>
        {
            await foreach (var execution in _session.RunAsync(code))
            {
                switch (execution)
                {
                    case OutputWritten { Stream: OutputStream.Stdout } written:
                        lines.Add(written.Text);
                        break;
                    case RunCompleted completed:
                        completion = completed;
                        break;
                }
            }
        }).WaitAsync(SessionTestExtensions.HangLimit);

        Assert.Equal(RunStatus.Succeeded, completion?.Status);
        Assert.Null(lines.FirstError);
        Assert.True(lines.Ended, $"no end line after {lines.Count} lines");
        Assert.True(lines.Count > 10_000, $"only {lines.Count} lines");
    }

    [Fact]
    public async Task Output_printed_before_the_code_blocks_on_a_read_streams_out_while_it_waits()
    {
        // After the tracing budget STDOUT is buffered; the main thread, blocked in a read, must still flush it.
        var result = await _session.RunToEndAsync(
            "start = Process.clock_gettime(Process::CLOCK_MONOTONIC)\nwhile Process.clock_gettime(Process::CLOCK_MONOTONIC) - start < 0.2\n  x = 1\nend\n"
            + "puts 'waiting'\nreader, writer = IO.pipe\nThread.new { sleep 1.5; writer.write('!') }\nputs reader.read(1)");

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal("waiting\n!\n", result.Stdout);
        var chunks = result.Events.OfType<OutputWritten>().Select(e => e.Text).ToList();
        Assert.Equal(["waiting\n", "!\n"], chunks);
    }

    [Fact]
    public async Task A_cell_that_traps_sigurg_itself_keeps_it_and_is_not_sent_the_drivers_flush_requests()
    {
        var result = await _session.RunToEndAsync(
            "urgent = 0\ntrap('URG') { urgent += 1 }\nstart = Process.clock_gettime(Process::CLOCK_MONOTONIC)\n"
            + "while Process.clock_gettime(Process::CLOCK_MONOTONIC) - start < 0.5\n  x = 1\nend\nputs urgent\n"
            + "Process.kill('URG', Process.pid)\nsleep 0.1\nputs urgent");

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal("0\n1\n", result.Stdout);
    }

    [Fact]
    public async Task Disposing_kills_the_children_it_spawned()
    {
        await _session.RunToEndAsync("spawn('sleep', '60')");
        var group = _session.ProcessGroupId!.Value;
        Assert.True(ProcessGroup.LiveMembers(group).Count >= 2);

        await _session.DisposeAsync();

        Assert.Empty(await ProcessGroup.WaitUntilEmptyAsync(group));
    }
}
