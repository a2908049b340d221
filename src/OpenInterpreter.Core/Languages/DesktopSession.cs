namespace OpenInterpreter.Core.Languages;

/// <summary>Whether a person is at a graphical desktop that a page may be opened on.</summary>
internal static class DesktopSession
{
    /// <summary>True when DISPLAY or WAYLAND_DISPLAY is set (or on macOS) and the program does not run under CI.</summary>
    public static bool IsPresent(Func<string, string?> environment)
    {
        if (!string.IsNullOrEmpty(environment("CI")))
        {
            return false;
        }

        return OperatingSystem.IsMacOS()
            || !string.IsNullOrEmpty(environment("DISPLAY"))
            || !string.IsNullOrEmpty(environment("WAYLAND_DISPLAY"));
    }
}
