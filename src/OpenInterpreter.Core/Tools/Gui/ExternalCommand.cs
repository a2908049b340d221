using System.Diagnostics;
using System.Text;

namespace OpenInterpreter.Core.Tools.Gui;

/// <summary>Runs a desktop program (xdotool, import, xwd) to its end, killed at once when cancelled.</summary>
internal static class ExternalCommand
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/>, feeding it <paramref name="input"/>; returns its standard output.</summary>
    public static async Task<byte[]> RunAsync(string program, IEnumerable<string> arguments, byte[]? input, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new GuiException($"{program} could not be started.");
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Limit);
        using var output = new MemoryStream();
        var reading = process.StandardOutput.BaseStream.CopyToAsync(output, limit.Token);
        var errors = process.StandardError.ReadToEndAsync(limit.Token);
        try
        {
            if (input is not null)
            {
                await process.StandardInput.BaseStream.WriteAsync(input, limit.Token).ConfigureAwait(false);
            }

            process.StandardInput.Close();
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            await reading.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new GuiException($"{Path.GetFileName(program)} did not finish within {Limit.TotalSeconds:0} s.");
        }

        if (process.ExitCode != 0)
        {
            var message = (await errors.ConfigureAwait(false)).Trim().Split('\n')[0];
            throw new GuiException($"{Path.GetFileName(program)} failed (exit code {process.ExitCode}){(message.Length > 0 ? $": {message}" : ".")}");
        }

        return output.ToArray();
    }

    /// <summary>Runs a program and returns its standard output as text.</summary>
    public static async Task<string> RunTextAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        Encoding.UTF8.GetString(await RunAsync(program, arguments, null, cancellationToken).ConfigureAwait(false));
}
