using OpenInterpreter.Core.Languages;
using Xunit;

namespace OpenInterpreter.Core.Tests.Languages;

/// <summary>Everything one run produced, with the shortcuts the tests assert on.</summary>
internal sealed record RunResult(IReadOnlyList<ExecutionEvent> Events, TimeSpan Elapsed)
{
    public string Stdout => Text(OutputStream.Stdout);

    public string Stderr => Text(OutputStream.Stderr);

    public RunCompleted Completion => Assert.IsType<RunCompleted>(Events[^1]);

    public RunStatus Status => Completion.Status;

    public IReadOnlyList<int?> Lines => Events.OfType<ActiveLineChanged>().Select(e => e.Line).ToArray();

    private string Text(OutputStream stream) =>
        string.Concat(Events.OfType<OutputWritten>().Where(e => e.Stream == stream).Select(e => e.Text));
}
