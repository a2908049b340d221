using System.Diagnostics;
using OpenInterpreter.Core.Languages;
using Xunit;

namespace OpenInterpreter.Core.Tests.Languages;

/// <summary>A fact that is skipped, with the reason shown, where the python3 that sessions run cannot import a module.</summary>
public sealed class FactRequiringPythonModuleAttribute : FactAttribute
{
    public FactRequiringPythonModuleAttribute(string module, string installHint)
    {
        if (ExecutableLocator.Find("python3") is not { } python)
        {
            Skip = "python3 is not installed.";
        }
        else if (!CanImport(python, module))
        {
            Skip = $"{python} cannot import {module} ({installHint}).";
        }
    }

    private static bool CanImport(string python, string module)
    {
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"import {module}");
        using var process = Process.Start(start)!;
        if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
        {
            process.Kill();
            return false;
        }

        return process.ExitCode == 0;
    }
}
