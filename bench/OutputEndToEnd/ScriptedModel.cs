using System.Text.RegularExpressions;
using OpenInterpreter.Testing;

/// <summary>
/// The tests' fake model server, scripted for one run: the first reply asks to run <see cref="Flood"/>, the second
/// answers. It notes when each request arrived, so the time from the code's start until the model has its output is
/// known, and it checks what the model got.
/// </summary>
internal sealed partial class ScriptedModel : IAsyncDisposable
{
    public const string Message = "Flood the output.";
    public const string Answer = "Done flooding.";
    public const string Key = "sk-bench-0123456789abcdefghij";

    private readonly List<double> _arrivals = [];

    private ScriptedModel(string code)
    {
        Server = FakeModelServer.Start()
            .When(_ => Arrived(), FakeReply.Text(""))
            .When(r => r.ToolResults.Count == 0, FakeReply.Execute("python", code))
            .Otherwise(FakeReply.Text(Answer));
    }

    public FakeModelServer Server { get; }

    public static ScriptedModel Start(string code) => new(code);

    /// <summary>When (Unix seconds) the request with the run's output arrived; null until it has.</summary>
    public double? ResultArrivedAt
    {
        get
        {
            lock (_arrivals)
            {
                return _arrivals.Count >= 2 ? _arrivals[1] : null;
            }
        }
    }

    /// <summary>Waits for the request with the output (the run ended and the model was called again).</summary>
    public async Task<double> WaitForResultAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (ResultArrivedAt is { } at)
            {
                return at;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The run's output did not reach the model within {timeout.TotalSeconds:0} s ({Server.Requests.Count} requests).");
            }

            await Task.Delay(5);
        }
    }

    /// <summary>
    /// Checks that the model got the head and tail with the note counting every character, and that the file it
    /// names holds every byte; deletes that file (200 MB a run).
    /// </summary>
    public void CheckResultAndDeleteFullOutput()
    {
        var result = Server.Requests.Select(r => r.ToolResults).First(r => r.Count > 0)[0];
        if (!result.Contains($"({Flood.Characters:N0} characters)", StringComparison.Ordinal) || result.Length > 4000)
        {
            throw new InvalidOperationException($"The model got an unexpected result ({result.Length} characters): {result.Replace(new string('x', 1023), "x…", StringComparison.Ordinal)}");
        }

        var path = FullOutputPath().Match(result).Groups[1].Value;
        var length = new FileInfo(path).Length;
        File.Delete(path);
        if (length != Flood.Characters)
        {
            throw new InvalidOperationException($"The full-output file {path} holds {length:N0} bytes, not {Flood.Characters:N0}.");
        }
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private bool Arrived()
    {
        lock (_arrivals)
        {
            _arrivals.Add(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0);
        }

        return false;
    }

    [GeneratedRegex(@"is in (\S+) \.\.\.\]")]
    private static partial Regex FullOutputPath();
}
