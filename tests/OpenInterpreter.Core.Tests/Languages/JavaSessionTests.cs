using OpenInterpreter.Core.Languages;
using Xunit;

namespace OpenInterpreter.Core.Tests.Languages;

public sealed class JavaSessionTests : IAsyncLifetime
{
    private readonly JavaSession _session = new() { InterruptGracePeriod = TimeSpan.FromSeconds(1) };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _session.DisposeAsync();

    [Fact]
    public async Task Statements_without_a_class_run_as_the_body_of_main_with_their_imports()
    {
        var result = await _session.RunToEndAsync("import java.util.List;\nvar items = List.of(1, 2, 3);\nSystem.out.println(items.size() * 14);");

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal("42\n", result.Stdout);
    }

    [Fact]
    public async Task A_snippet_with_its_own_public_class_runs_that_class()
    {
        var result = await _session.RunToEndAsync(
            "public class Greeter {\n    public static void main(String[] args) {\n        System.out.print(\"hi\");\n    }\n}");

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal("hi", result.Stdout);
    }

    [Fact]
    public async Task A_compile_error_fails_the_run_and_points_at_the_snippets_own_line()
    {
        var result = await _session.RunToEndAsync("int a = 1;\nint b = undefinedName;");

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal("compilation failed", result.Completion.Error);
        Assert.Contains("Main.java:2: error: cannot find symbol", result.Stderr);
    }

    [Fact]
    public async Task An_exception_fails_the_run_with_its_message()
    {
        var result = await _session.RunToEndAsync("throw new IllegalStateException(\"bad value\");");

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Contains("java.lang.IllegalStateException: bad value", result.Stderr);
        Assert.Equal("exit status 1", result.Completion.Error);
    }

    [Fact]
    public async Task Each_run_starts_with_nothing_from_the_one_before()
    {
        await _session.RunToEndAsync("int kept = 1;");

        var second = await _session.RunToEndAsync("System.out.println(kept);");

        Assert.Equal(RunStatus.Failed, second.Status);
        Assert.Equal("compilation failed", second.Completion.Error);
    }

    [Fact]
    public async Task Reading_stdin_gets_end_of_file_instead_of_hanging()
    {
        var result = await _session.RunToEndAsync("System.out.println(System.in.read());");

        Assert.Equal("-1\n", result.Stdout);
    }

    [Fact]
    public async Task An_interrupted_infinite_loop_ends_interrupted_and_the_next_run_works()
    {
        var interrupted = await _session.RunAndInterruptAfterOutputAsync("System.out.println(\"started\");\nwhile (true) { }", "started\n");
        var next = await _session.RunToEndAsync("System.out.print(\"again\");");

        // The interrupt may land while javac still compiles, on a busy machine: either way the run ends interrupted.
        Assert.Equal(RunStatus.Interrupted, interrupted.Status);
        Assert.True(interrupted.Elapsed < TimeSpan.FromSeconds(8), $"took {interrupted.Elapsed}");
        Assert.Equal("again", next.Stdout);
    }
}
