using System.Text.RegularExpressions;
using OpenInterpreter.Cli.Tests.EndToEnd;
using OpenInterpreter.Testing;

namespace OpenInterpreter.Cli.Tests.Server;

/// <summary>The real <c>interpreter --server</c> on a free port of 127.0.0.1, against a fake model server.</summary>
internal sealed partial class RunningServer : IAsyncDisposable
{
    private RunningServer(InterpreterProcess process, string url)
    {
        Process = process;
        Url = url;
    }

    public InterpreterProcess Process { get; }

    /// <summary><c>http://127.0.0.1:PORT</c>, as the server printed it.</summary>
    public string Url { get; }

    public string WebSocketUrl => "ws" + Url[4..] + "/";

    public static async Task<RunningServer> StartAsync(FakeModelServer model, string? apiKey = null, string workingDirectory = "", params string[] extra) =>
        await StartWithEnvironmentAsync(model, new Dictionary<string, string>(), apiKey, workingDirectory, extra);

    public static async Task<RunningServer> StartWithEnvironmentAsync(FakeModelServer model, Dictionary<string, string> environment, string? apiKey, string workingDirectory, params string[] extra)
    {
        if (apiKey is not null)
        {
            environment["INTERPRETER_API_KEY"] = apiKey;
        }

        var process = InterpreterProcess.Start(
            ["--api_base", model.BaseUrl, "--api_key", Session.TestKey, "--model", "gpt-4o", "--server", "--port", "0", .. extra],
            workingDirectory.Length == 0 ? null : workingDirectory,
            environment);
        await process.WaitForOutputAsync("listening on http://", timeoutSeconds: 90);
        await process.WaitForOutputAsync("\n", timeoutSeconds: 10);
        var url = ListeningLine().Match(process.Stdout).Groups[1].Value;
        return new RunningServer(process, url);
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();

    [GeneratedRegex(@"listening on (http://[0-9.]+:[0-9]+)")]
    private static partial Regex ListeningLine();
}
