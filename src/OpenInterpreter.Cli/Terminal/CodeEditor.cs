using System.Diagnostics;
using OpenInterpreter.Core.Output;

namespace OpenInterpreter.Cli.Terminal;

/// <summary>Opens the user's <c>$EDITOR</c> (default <c>vi</c>) on code before it runs, for the <c>e</c> answer.</summary>
internal static class CodeEditor
{
    /// <summary>The edited code, or null when the editor could not be run or failed.</summary>
    public static async Task<string?> EditAsync(string code, string extension, string directory, CancellationToken cancellationToken)
    {
        var path = PrivateFile.CreatePath(directory, "edit", extension);
        await File.WriteAllTextAsync(path, code, cancellationToken).ConfigureAwait(false);
        try
        {
            var editor = Environment.GetEnvironmentVariable("VISUAL") is { Length: > 0 } visual ? visual
                : Environment.GetEnvironmentVariable("EDITOR") is { Length: > 0 } chosen ? chosen
                : "vi";

            // Through the shell, so an EDITOR with arguments ("code --wait") works as it does in git.
            var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add($"{editor} \"$1\"");
            start.ArgumentList.Add("editor");
            start.ArgumentList.Add(path);
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return process.ExitCode == 0 ? await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false) : null;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
