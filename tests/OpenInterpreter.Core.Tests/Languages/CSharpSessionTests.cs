using OpenInterpreter.Core.Languages;
using Xunit;

namespace OpenInterpreter.Core.Tests.Languages;

public sealed class CSharpSessionTests : IAsyncLifetime
{
    private readonly CSharpSession _session = new() { InterruptGracePeriod = TimeSpan.FromSeconds(1) };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task Variables_and_methods_survive_to_the_next_run_and_a_final_expression_is_shown()
    {
        var first = await _session.RunToEndAsync("var x = 41;\nint Double(int a) => a * 2;");
        var second = await _session.RunToEndAsync("Console.WriteLine(x + 1);\nDouble(x)");

        Assert.Equal(RunStatus.Succeeded, first.Status);
        Assert.Equal("", first.Stdout);
        Assert.Equal("42\n82\n", second.Stdout);
    }

    [Fact]
    public async Task A_compile_error_fails_the_run_with_its_message_and_the_session_lives_on()
    {
        await _session.RunToEndAsync("var kept = \"yes\";");

        var broken = await _session.RunToEndAsync("int a = undefinedName;");
        var next = await _session.RunToEndAsync("kept");

        Assert.Equal(RunStatus.Failed, broken.Status);
        Assert.Equal("The name 'undefinedName' does not exist in the current context", broken.Completion.Error);
        Assert.Contains("CS0103", broken.Stderr);
        Assert.Equal("yes\n", next.Stdout);
    }

    [Fact]
    public async Task An_exception_fails_the_run_with_its_message()
    {
        var result = await _session.RunToEndAsync("throw new InvalidOperationException(\"bad value\");");

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal("System.InvalidOperationException: bad value", result.Completion.Error);
    }

    [Fact]
    public async Task Output_that_looks_like_a_marker_and_has_no_trailing_newline_comes_back_exactly()
    {
        var result = await _session.RunToEndAsync("Console.Write(\"\\u001eoi-fence-00000000000000000000000000000000\\u001e ##end_of_execution## done\");");

        Assert.Equal("\u001eoi-fence-00000000000000000000000000000000\u001e ##end_of_execution## done", result.Stdout);
    }

    [Fact]
    public async Task Reading_stdin_gets_end_of_file_instead_of_hanging()
    {
        var result = await _session.RunToEndAsync("Console.In.ReadToEnd().Length");

        Assert.Equal("0\n", result.Stdout);
    }

    [Fact]
    public async Task An_interrupted_infinite_loop_is_killed_and_the_next_run_says_state_was_lost()
    {
        await _session.RunToEndAsync("var kept = \"yes\";");

        var interrupted = await _session.RunAndInterruptAfterOutputAsync("Console.WriteLine(\"started\");\nwhile (true) { }", "started\n");
        var next = await _session.RunToEndAsync("1 + 1");

        Assert.Equal(RunStatus.Interrupted, interrupted.Status);
        Assert.Equal("started\n", interrupted.Stdout);
        Assert.Contains("state", interrupted.Completion.Error);
        Assert.Equal("2\n", next.Stdout);
    }

    [Fact]
    public async Task An_awaited_delay_is_interrupted_and_the_session_keeps_its_state()
    {
        await _session.RunToEndAsync("var kept = \"yes\";");

        var interrupted = await _session.RunAndInterruptAsync("await Task.Delay(60_000);", TimeSpan.FromSeconds(1));
        var next = await _session.RunToEndAsync("kept");

        Assert.Equal(RunStatus.Interrupted, interrupted.Status);
        Assert.Equal("yes\n", next.Stdout);
    }

    [Fact]
    public async Task A_crash_ends_the_run_crashed_and_the_next_run_starts_a_fresh_process()
    {
        await _session.RunToEndAsync("var kept = \"yes\";");

        var crashed = await _session.RunToEndAsync("Environment.Exit(1);");
        var next = await _session.RunToEndAsync("1 + 1");

        Assert.Equal(RunStatus.Crashed, crashed.Status);
        Assert.Equal(
            "The csharp session ended (exit code 1); the next run starts a fresh session, so earlier state is lost.",
            crashed.Completion.Error);
        Assert.Equal("2\n", next.Stdout);
    }

    [Fact]
    public async Task Disposing_kills_the_children_it_spawned()
    {
        await _session.RunToEndAsync("System.Diagnostics.Process.Start(\"sleep\", \"60\");");
        var group = _session.ProcessGroupId!.Value;
        Assert.True(ProcessGroup.LiveMembers(group).Count >= 2);

        await _session.DisposeAsync();

        Assert.Empty(await ProcessGroup.WaitUntilEmptyAsync(group));
    }
}
