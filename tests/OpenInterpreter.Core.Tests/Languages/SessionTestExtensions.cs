using System.Diagnostics;
using OpenInterpreter.Core.Languages;
using Xunit;

namespace OpenInterpreter.Core.Tests.Languages;

/// <summary>Runs code in a session to its end, checking the contract every run must keep.</summary>
internal static class SessionTestExtensions
{
    /// <summary>How long any single test run may take before the test fails instead of hanging.</summary>
    public static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(20);

    public static Task<RunResult> RunToEndAsync(this ILanguageSession session, string code, CancellationToken cancellationToken = default) =>
        session.RunToEndAsync(code, seen: null, cancellationToken);

    private static async Task<RunResult> RunToEndAsync(this ILanguageSession session, string code, Action<ExecutionEvent>? seen, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var events = new List<ExecutionEvent>();
        var collect = Task.Run(async () =>
        {
            await foreach (var execution in session.RunAsync(code, cancellationToken))
            {
                // Output is lent until the next event: made a string now, it stays readable in the list.
                _ = (execution as OutputWritten)?.Text;
                events.Add(execution);
                seen?.Invoke(execution);
            }
        });
        if (await Task.WhenAny(collect, Task.Delay(HangLimit)) != collect)
        {
            Assert.Fail($"The run did not end within {HangLimit}; it produced: {string.Join(", ", events)}");
        }

        await collect;
        var completions = events.OfType<RunCompleted>().Count();
        Assert.Equal(1, completions);
        Assert.IsType<RunCompleted>(events[^1]);
        return new RunResult(events, watch.Elapsed);
    }

    /// <summary>
    /// Runs code that never ends on its own, cancelling the run once its output holds <paramref name="marker"/>: on a
    /// loaded machine a fixed delay can end before a slow session (Roslyn compiling) has even started the code.
    /// </summary>
    public static async Task<RunResult> RunAndInterruptAfterOutputAsync(this ILanguageSession session, string code, string marker)
    {
        using var cancellation = new CancellationTokenSource();
        var output = new System.Text.StringBuilder();
        return await session.RunToEndAsync(code, e =>
        {
            if (e is OutputWritten written && output.Append(written.Text).ToString().Contains(marker, StringComparison.Ordinal))
            {
                cancellation.Cancel();
            }
        }, cancellation.Token);
    }

    /// <summary>Runs code that never ends on its own, cancelling the run after <paramref name="after"/>.</summary>
    public static async Task<RunResult> RunAndInterruptAsync(this ILanguageSession session, string code, TimeSpan after)
    {
        using var cancellation = new CancellationTokenSource(after);
        return await session.RunToEndAsync(code, cancellation.Token);
    }
}
