using System.ComponentModel;
using System.Diagnostics;

namespace OpenInterpreter.Core.Languages;

/// <summary>Renders a local HTML file to a PNG with a headless Chromium, where one is installed.</summary>
internal static class HeadlessBrowser
{
    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];
    private static readonly TimeSpan RenderLimit = TimeSpan.FromSeconds(30);

    /// <summary>The browser found on the PATH, or null.</summary>
    public static string? Find() => Names.Select(ExecutableLocator.Find).FirstOrDefault(path => path is not null);

    /// <summary>Writes a 1280×800 screenshot of <paramref name="htmlPath"/> to <paramref name="pngPath"/>; false
    /// when the browser failed, took too long, or the run was cancelled.</summary>
    public static async Task<bool> ScreenshotAsync(string browser, string htmlPath, string pngPath, CancellationToken cancellationToken)
    {
        var profile = Directory.CreateTempSubdirectory("oi-chromium-");
        var start = new ProcessStartInfo
        {
            FileName = browser,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // No sandbox (it refuses to start as root), no GPU, and nothing that calls home: the render must work offline.
        string[] arguments =
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
            $"--user-data-dir={profile.FullName}", "--window-size=1280,800", $"--screenshot={pngPath}",
            new Uri(htmlPath).AbsoluteUri,
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(RenderLimit);
        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return false;
            }

            process.StandardInput.Close();
            // Drained so a chatty browser cannot fill the pipe and stall.
            var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(limit.Token), process.StandardError.ReadToEndAsync(limit.Token));
            try
            {
                await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
                await drain.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0 && File.Exists(pngPath) && new FileInfo(pngPath).Length > 0;
        }
        catch (Exception e) when (e is Win32Exception or IOException)
        {
            return false;
        }
        finally
        {
            try
            {
                profile.Delete(recursive: true);
            }
            catch (IOException)
            {
                // The browser's last helper may still hold a file; the temp folder is cleaned by the system.
            }
        }
    }
}
