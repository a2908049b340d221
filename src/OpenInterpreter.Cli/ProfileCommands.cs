using System.Diagnostics;
using OpenInterpreter.Cli.CommandLine;
using OpenInterpreter.Core.Settings;
using Spectre.Console;

namespace OpenInterpreter.Cli;

/// <summary>The profile options that act on files: <c>--profiles</c>, <c>--reset_profile</c>, <c>--save-profile</c>.</summary>
internal static class ProfileCommands
{
    /// <summary>Prints the profiles folder and, on a desktop with a terminal, opens it.</summary>
    public static int ShowFolder(ProfileStore profiles)
    {
        profiles.EnsureDefault();
        return ShowFolder(profiles.Directory);
    }

    /// <summary>Prints <paramref name="directory"/> (made if missing) and, on a desktop with a terminal, opens it.</summary>
    public static int ShowFolder(string directory)
    {
        Directory.CreateDirectory(directory);
        Console.WriteLine(directory);
        var desktop = Environment.GetEnvironmentVariable("DISPLAY") is { Length: > 0 } || Environment.GetEnvironmentVariable("WAYLAND_DISPLAY") is { Length: > 0 };
        var opener = OperatingSystem.IsMacOS() ? "open" : "xdg-open";
        if (desktop && !Console.IsOutputRedirected && FindOnPath(opener) is { } path)
        {
            using var _ = Process.Start(new ProcessStartInfo(path, [directory]) { UseShellExecute = false });
        }

        return ExitCodes.Done;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);

    public static int Reset(ProfileStore profiles, string name)
    {
        Console.WriteLine(profiles.Reset(name));
        return ExitCodes.Done;
    }

    /// <summary>
    /// Writes the settings of this command line that differ from the defaults to <c>profiles/NAME.yaml</c> (mode 0600).
    /// The API key is written only when it was given on this command line and the user says yes in a terminal; an
    /// existing profile is overwritten only after a yes in a terminal, and always without one.
    /// </summary>
    public static void Save(ProfileStore profiles, Invocation invocation)
    {
        var name = invocation.SaveProfile!;
        var interactive = !Console.IsInputRedirected && !Console.IsOutputRedirected;
        var path = profiles.PathFor(name);
        if (File.Exists(path) && interactive && !AnsiConsole.Confirm($"{path} exists. Overwrite it?", defaultValue: false))
        {
            Console.Error.WriteLine("interpreter: the profile was not saved.");
            return;
        }

        var withKey = invocation.KeyOnCommandLine && interactive
            && AnsiConsole.Confirm("Write the API key from --api_key into the profile too (plain text, readable only by you)?", defaultValue: false);
        var settings = invocation.Settings with { RunTimeout = invocation.TimeoutSetting };
        profiles.Save(name, ProfileWriter.Write(settings, withKey));
        Console.Error.WriteLine($"interpreter: saved the profile {path}{(invocation.KeyOnCommandLine && !withKey ? " (without the API key)" : "")}.");
    }
}
