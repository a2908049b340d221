using OpenInterpreter.Core.Settings;
using Xunit;

namespace OpenInterpreter.Core.Tests.Settings;

/// <summary>The folders are where OI's platformdirs puts them on each system, so OI's files are found.</summary>
public sealed class InterpreterPathsTests
{
    private static string? None(string name) => null;

    [Fact]
    public void Linux_uses_the_xdg_folders() =>
        Assert.Equal(new InterpreterPaths("/x/cfg/open-interpreter", "/home/u/.cache/open-interpreter"),
            InterpreterPaths.For("linux", "/home/u", n => n == "XDG_CONFIG_HOME" ? "/x/cfg" : null));

    [Fact]
    public void MacOS_uses_application_support_and_caches() =>
        Assert.Equal(new InterpreterPaths("/Users/u/Library/Application Support/open-interpreter", "/Users/u/Library/Caches/open-interpreter"),
            InterpreterPaths.For("macos", "/Users/u", None));

    [Fact]
    public void Windows_uses_local_app_data_as_platformdirs_does()
    {
        var paths = InterpreterPaths.For("windows", "/Users/u", n => n == "LOCALAPPDATA" ? "/AppData/Local" : null);
        Assert.Equal(Path.Combine("/AppData/Local", "open-interpreter", "open-interpreter"), paths.ConfigDirectory);
        Assert.Equal(Path.Combine(paths.ConfigDirectory, "profiles"), paths.ProfilesDirectory);
    }
}
