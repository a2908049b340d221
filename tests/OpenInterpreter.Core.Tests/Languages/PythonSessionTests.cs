using OpenInterpreter.Core.Languages;
using Xunit;

namespace OpenInterpreter.Core.Tests.Languages;

public sealed class PythonSessionTests : IAsyncLifetime
{
    private readonly PythonSession _session = new() { InterruptGracePeriod = TimeSpan.FromSeconds(1) };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task A_variable_survives_to_the_next_run_and_a_final_expression_is_shown()
    {
        var first = await _session.RunToEndAsync("x = 41");
        var second = await _session.RunToEndAsync("y = x + 1\ny");

        Assert.Equal(RunStatus.Succeeded, first.Status);
        Assert.Equal("", first.Stdout);
        Assert.Equal(RunStatus.Succeeded, second.Status);
        Assert.Equal("42\n", second.Stdout);
    }

    [Fact]
    public async Task A_final_expression_that_is_None_shows_nothing()
    {
        var result = await _session.RunToEndAsync("print('a')\nNone");

        Assert.Equal("a\n", result.Stdout);
    }

    [Fact]
    public async Task An_exception_fails_the_run_with_its_one_line_message_and_a_traceback_without_driver_frames()
    {
        var result = await _session.RunToEndAsync("a = 1\nprint(undefined_name)");

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal("NameError: name 'undefined_name' is not defined", result.Completion.Error);
        Assert.Contains("Traceback (most recent call last):", result.Stderr);
        Assert.Contains("line 2", result.Stderr);
        Assert.DoesNotContain("python_driver", result.Stderr);
    }

    [Fact]
    public async Task A_syntax_error_fails_the_run()
    {
        var result = await _session.RunToEndAsync("def broken(:\n  pass");

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.StartsWith("SyntaxError:", result.Completion.Error);
    }

    [Fact]
    public async Task A_cell_larger_than_the_request_fifo_arrives_whole_with_its_multibyte_text_and_the_next_cell_still_runs()
    {
        // About 1.8 MB of code: more than the requests FIFO holds, so the host writes it in pieces as the driver reads.
        var code = "s = '" + string.Concat(Enumerable.Repeat("é✓🎉", 200_000)) + "'\nprint(len(s), s[-3:])";

        var big = await _session.RunToEndAsync(code);
        var next = await _session.RunToEndAsync("print(len(s) + 1)");

        Assert.Equal(RunStatus.Succeeded, big.Status);
        Assert.Equal("600000 é✓🎉\n", big.Stdout);
        Assert.Equal("600001\n", next.Stdout);
    }

    [Fact]
    public async Task An_interrupt_while_a_large_cell_still_goes_to_a_driver_that_does_not_read_ends_the_run_and_the_next_starts_fresh()
    {
        await _session.RunToEndAsync("kept = 'yes'");
        // A stopped driver reads nothing: the cell, larger than the FIFO, can never be written whole.
        Assert.Equal(0, Libc.Kill(_session.ProcessGroupId!.Value, OperatingSystem.IsMacOS() ? 17 : 19));

        var interrupted = await _session.RunAndInterruptAsync("x = '" + new string('x', 2 << 20) + "'", TimeSpan.FromMilliseconds(300));
        var next = await _session.RunToEndAsync("'kept' in globals()");

        Assert.Equal(RunStatus.Interrupted, interrupted.Status);
        Assert.Contains("state is lost", interrupted.Completion.Error);
        Assert.Equal("False\n", next.Stdout);
    }

    [Fact]
    public async Task Output_that_looks_like_a_marker_and_has_no_trailing_newline_comes_back_exactly()
    {
        const string text = "\u001eoi-fence-00000000000000000000000000000000\u001e ##end_of_execution## done";

        var result = await _session.RunToEndAsync($"print({Quote(text)}, end='')");

        Assert.Equal(text, result.Stdout);
        Assert.Equal(RunStatus.Succeeded, result.Status);
    }

    [Fact]
    public async Task Reading_stdin_gets_end_of_file_instead_of_hanging()
    {
        var result = await _session.RunToEndAsync("try:\n    input()\nexcept EOFError:\n    print('eof')");

        Assert.Equal("eof\n", result.Stdout);
    }

    [Fact]
    public async Task An_interrupted_infinite_loop_ends_interrupted_and_the_session_keeps_its_state()
    {
        await _session.RunToEndAsync("kept = 'yes'");

        var interrupted = await _session.RunAndInterruptAfterOutputAsync("print('started', flush=True)\nwhile True:\n    pass", "started\n");
        var next = await _session.RunToEndAsync("kept");

        Assert.Equal(RunStatus.Interrupted, interrupted.Status);
        Assert.Equal("started\n", interrupted.Stdout);
        Assert.Contains("KeyboardInterrupt", interrupted.Stderr);
        Assert.True(interrupted.Elapsed < TimeSpan.FromSeconds(5), $"took {interrupted.Elapsed}");
        Assert.Equal("'yes'\n", next.Stdout);
    }

    [Fact]
    public async Task An_interrupt_that_comes_before_the_code_starts_still_stops_it_and_keeps_the_state()
    {
        // Compiling 40,000 lines takes the driver a good part of a second: the interrupt comes while it is still
        // reading the cell, before its SIGINT handler would act, and must not be lost.
        await _session.RunToEndAsync("kept = 'yes'");
        var code = string.Concat(Enumerable.Repeat("x = 0\n", 40_000)) + "while True:\n    pass";

        var interrupted = await _session.RunAndInterruptAsync(code, TimeSpan.FromMilliseconds(50));
        var next = await _session.RunToEndAsync("kept");

        Assert.Equal(RunStatus.Interrupted, interrupted.Status);
        Assert.Contains("KeyboardInterrupt", interrupted.Stderr);
        Assert.Equal("'yes'\n", next.Stdout);
    }

    [Fact]
    public async Task Code_that_ignores_the_interrupt_is_killed_after_the_grace_period_and_the_next_run_starts_fresh()
    {
        await _session.RunToEndAsync("kept = 'yes'");

        var interrupted = await _session.RunAndInterruptAsync(
            "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass", TimeSpan.FromMilliseconds(500));
        var next = await _session.RunToEndAsync("'kept' in globals()");

        Assert.Equal(RunStatus.Interrupted, interrupted.Status);
        Assert.Contains("state is lost", interrupted.Completion.Error);
        Assert.True(interrupted.Elapsed < TimeSpan.FromSeconds(5), $"took {interrupted.Elapsed}");
        Assert.Equal("False\n", next.Stdout);
    }

    [Fact]
    public async Task A_sigint_between_runs_does_not_end_the_session()
    {
        await _session.RunToEndAsync("kept = 'yes'");

        Assert.Equal(0, Libc.Kill(-_session.ProcessGroupId!.Value, Libc.SigInt));
        await Task.Delay(200);
        var next = await _session.RunToEndAsync("kept");

        Assert.Equal("'yes'\n", next.Stdout);
    }

    [Fact]
    public async Task A_crash_ends_the_run_crashed_and_the_next_run_starts_a_fresh_process()
    {
        await _session.RunToEndAsync("kept = 'yes'");

        var crashed = await _session.RunToEndAsync("print('before', flush=True)\nimport os\nos._exit(1)");
        var next = await _session.RunToEndAsync("print('after')\n'kept' in globals()");

        Assert.Equal(RunStatus.Crashed, crashed.Status);
        Assert.Equal("before\n", crashed.Stdout);
        Assert.Equal(
            "The python session ended (exit code 1); the next run starts a fresh session, so earlier state is lost.",
            crashed.Completion.Error);
        Assert.Equal(RunStatus.Succeeded, next.Status);
        Assert.Equal("after\nFalse\n", next.Stdout);
    }

    [Fact]
    public async Task A_run_abandoned_half_way_ends_its_process_and_the_next_run_starts_fresh()
    {
        await _session.RunToEndAsync("kept = 'yes'");
        var group = _session.ProcessGroupId!.Value;

        await foreach (var execution in _session.RunAsync("import time\nwhile True:\n    print('tick', flush=True)\n    time.sleep(0.05)"))
        {
            if (execution is OutputWritten)
            {
                break;
            }
        }

        var next = await _session.RunToEndAsync("'kept' in globals()");

        Assert.Empty(await ProcessGroup.WaitUntilEmptyAsync(group));
        Assert.Equal("False\n", next.Stdout);
    }

    [Fact]
    public async Task A_second_run_while_one_is_running_is_refused()
    {
        await using var first = _session.RunAsync("import time\ntime.sleep(0.5)").GetAsyncEnumerator();
        var moved = first.MoveNextAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await _session.RunToEndAsync("1"));
        while (await moved)
        {
            moved = first.MoveNextAsync();
        }
    }

    [Fact]
    public async Task Active_line_events_follow_the_running_line_and_end_with_none()
    {
        var result = await _session.RunToEndAsync("a = 1\nb = 2\n\nc = a + b\nprint(c)");

        Assert.Equal([1, 2, 4, 5, null], result.Lines);
    }

    [Fact]
    public async Task A_long_run_stops_tracing_every_line_but_still_reports_the_line_it_sleeps_on()
    {
        // The busy loop outlasts the exact-tracing budget; after it no trace function slows the code, and the sampler
        // still finds line 6 while it sleeps.
        var result = await _session.RunToEndAsync(
            "import sys, time\nstart = time.perf_counter()\nwhile time.perf_counter() - start < 0.2:\n    pass\n"
            + "print(sys.gettrace() is None)\ntime.sleep(1.5)\nprint('done')");

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal("True\ndone\n", result.Stdout);
        Assert.Contains(6, result.Lines);
        Assert.Null(result.Lines[^1]);
    }

    [Fact]
    public async Task Active_lines_inside_a_function_defined_in_the_cell_are_reported_but_not_library_lines()
    {
        var result = await _session.RunToEndAsync("import json\ndef f():\n    return json.dumps([1])\nf()");

        Assert.Equal([1, 2, 4, 3, null], result.Lines);
    }

    [Fact]
    public async Task Invalid_utf8_output_is_replaced_not_fatal()
    {
        var result = await _session.RunToEndAsync("import sys\nsys.stdout.buffer.write(b'ok\\xff\\xfe!')\nsys.stdout.flush()");

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal("ok\uFFFD\uFFFD!", result.Stdout);
    }

    [Fact]
    public async Task Fifty_megabytes_of_output_stream_through_in_bounded_chunks()
    {
        const int megabytes = 50;
        long total = 0;
        var largest = 0;
        var chunks = 0;
        await foreach (var execution in _session.RunAsync($"import sys\nfor _ in range({megabytes}):\n    sys.stdout.write('x' * 1_000_000)"))
        {
            if (execution is OutputWritten output)
            {
                total += output.Text.Length;
                largest = Math.Max(largest, output.Text.Length);
                chunks++;
            }
        }

        Assert.Equal(megabytes * 1_000_000L, total);
        Assert.InRange(largest, 1, OutputPump.ChunkBytes);
        Assert.True(chunks >= megabytes * 1_000_000 / OutputPump.ChunkBytes);
    }

    [FactOffMacOS("Pipe capacities are set with Linux's F_SETPIPE_SZ.")]
    public async Task The_output_pipes_hold_a_mebibyte_so_fast_output_rarely_waits_for_the_host()
    {
        // F_GETPIPE_SZ is 1032.
        var result = await _session.RunToEndAsync("import fcntl\nprint(fcntl.fcntl(1, 1032), fcntl.fcntl(2, 1032))");

        Assert.Equal("1048576 1048576\n", result.Stdout);
    }

    [Fact]
    public async Task Disposing_kills_the_whole_process_group()
    {
        await _session.RunToEndAsync("import subprocess\nchild = subprocess.Popen(['sleep', '60'])");
        var group = _session.ProcessGroupId!.Value;
        Assert.NotEmpty(ProcessGroup.LiveMembers(group));

        await _session.DisposeAsync();

        Assert.Empty(await ProcessGroup.WaitUntilEmptyAsync(group));
    }

    [Fact]
    public async Task The_process_has_no_controlling_terminal_and_the_non_interactive_environment()
    {
        var result = await _session.RunToEndAsync(
            "import os\ntry:\n    open('/dev/tty')\n    print('tty')\nexcept OSError:\n    print('no tty')\n"
            + "print(os.environ['CI'], os.environ['PAGER'], os.environ['GIT_TERMINAL_PROMPT'], os.getsid(0) == os.getpid())");

        Assert.Equal("no tty\n1 cat 0 True\n", result.Stdout);
    }

    private static string Quote(string text) =>
        "'" + text.Replace("\\", "\\\\").Replace("'", "\\'").Replace("\u001e", "\\x1e") + "'";
}
