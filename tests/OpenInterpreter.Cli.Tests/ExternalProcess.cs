using System.Diagnostics;
using System.Text;

namespace OpenInterpreter.Cli.Tests;

/// <summary>
/// Runs a real third-party client (curl, node with the npm packages of <c>tests/clients</c>) to the end and returns
/// what it printed, so the front ends are tested by clients we did not write.
/// </summary>
public static class ExternalProcess
{
    /// <summary>The <c>tests/clients</c> folder, with its <c>node_modules</c> installed by <c>npm ci</c> (in .ci/run).</summary>
    public static string ClientsDirectory
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OpenInterpreter.slnx")))
            {
                directory = directory.Parent;
            }

            var clients = Path.Combine(directory?.FullName ?? throw new InvalidOperationException("the repository root was not found"), "tests", "clients");
            if (!Directory.Exists(Path.Combine(clients, "node_modules")))
            {
                throw new InvalidOperationException($"The npm clients are not installed: run `npm ci` in {clients} (.ci/run does).");
            }

            return clients;
        }
    }

    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>Runs one of the node scripts in <c>tests/clients</c>.</summary>
    public static Task<Result> NodeAsync(string script, IEnumerable<string> arguments, IDictionary<string, string>? environment = null, int timeoutSeconds = 180) =>
        RunAsync("node", [Path.Combine(ClientsDirectory, script), .. arguments], environment, timeoutSeconds, ClientsDirectory);

    public static async Task<Result> RunAsync(string program, IEnumerable<string> arguments, IDictionary<string, string>? environment = null, int timeoutSeconds = 180, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish in {timeoutSeconds} s.\n--- stdout:\n{await stdout}\n--- stderr:\n{await stderr}");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
