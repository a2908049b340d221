using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;

namespace OpenInterpreter.Core.Languages;

/// <summary>
/// HTML: each snippet is written to a file in the session's files folder and its path reported; it is opened in the
/// browser when a person is at a desktop, and rendered to a PNG for vision models where a headless Chromium is present.
/// </summary>
public sealed class HtmlSession : ILanguageSession
{
    private readonly SessionOptions _options;
    private readonly Func<string, string?> _environment;
    private int _pageCount;

    /// <summary>Creates a session writing into <see cref="SessionOptions.FilesDirectory"/>.</summary>
    public HtmlSession(SessionOptions? options = null)
        : this(options, Environment.GetEnvironmentVariable)
    {
    }

    /// <summary>Creates a session that reads the environment through <paramref name="environment"/>; tests use it
    /// to pretend a desktop is or is not there.</summary>
    internal HtmlSession(SessionOptions? options, Func<string, string?> environment)
    {
        _options = options ?? new SessionOptions();
        _environment = environment;
    }

    /// <summary>HTML: answers to html.</summary>
    public static LanguageInfo Info { get; } = new("html", [], "html");

    /// <inheritdoc />
    public LanguageInfo Language => Info;

    /// <inheritdoc />
    public async IAsyncEnumerable<ExecutionEvent> RunAsync(string code, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var directory = Directory.CreateDirectory(_options.FilesDirectoryOrDefault).FullName;
        var name = $"page-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Interlocked.Increment(ref _pageCount)}";
        var htmlPath = Path.Combine(directory, name + ".html");
        string? failure = null;
        try
        {
            await File.WriteAllTextAsync(htmlPath, code, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            failure = $"Could not write {htmlPath}: {e.Message}";
        }

        if (failure is not null)
        {
            yield return new RunCompleted(RunStatus.Failed, failure);
            yield break;
        }

        yield return new OutputWritten($"The HTML was saved to {htmlPath}\n", OutputStream.Stdout);
        if (DesktopSession.IsPresent(_environment) && OpenOnDesktop(htmlPath))
        {
            yield return new OutputWritten("It was opened in the browser.\n", OutputStream.Stdout);
        }

        if (HeadlessBrowser.Find() is { } browser)
        {
            var pngPath = Path.Combine(directory, name + ".png");
            if (await HeadlessBrowser.ScreenshotAsync(browser, htmlPath, pngPath, cancellationToken).ConfigureAwait(false))
            {
                yield return new ImageProduced(pngPath);
            }
            else if (cancellationToken.IsCancellationRequested)
            {
                yield return new RunCompleted(RunStatus.Interrupted, "interrupted");
                yield break;
            }
            else
            {
                yield return new OutputWritten("The page could not be rendered to an image.\n", OutputStream.Stderr);
            }
        }

        yield return new RunCompleted(RunStatus.Succeeded);
    }

    /// <summary>Nothing to end: the session keeps no process.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static bool OpenOnDesktop(string path)
    {
        var opener = OperatingSystem.IsMacOS() ? "open" : "xdg-open";
        if (ExecutableLocator.Find(opener) is not { } program)
        {
            return false;
        }

        try
        {
            var start = new ProcessStartInfo(program)
            {
                UseShellExecute = false,
                // Kept off the user's terminal, where the conversation view is drawn.
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.ArgumentList.Add(path);
            // Not waited for: the opener may stay as long as the browser window does.
            using var process = Process.Start(start);
            process?.StandardInput.Close();
            return process is not null;
        }
        catch (Win32Exception)
        {
            return false;
        }
    }
}
