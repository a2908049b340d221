using OpenInterpreter.Core.Languages;
using Xunit;

namespace OpenInterpreter.Core.Tests.Languages;

public sealed class LanguageRegistryTests
{
    [Theory]
    [InlineData("python", "python")]
    [InlineData("py", "python")]
    [InlineData("Python3", "python")]
    [InlineData("shell", "shell")]
    [InlineData("bash", "shell")]
    [InlineData("sh", "shell")]
    [InlineData("zsh", "shell")]
    [InlineData("javascript", "javascript")]
    [InlineData("js", "javascript")]
    [InlineData("node", "javascript")]
    [InlineData("r", "r")]
    [InlineData("R", "r")]
    [InlineData("ruby", "ruby")]
    [InlineData("rb", "ruby")]
    [InlineData("java", "java")]
    [InlineData("html", "html")]
    [InlineData("applescript", "applescript")]
    [InlineData("powershell", "powershell")]
    [InlineData("pwsh", "powershell")]
    [InlineData("csharp", "csharp")]
    [InlineData("cs", "csharp")]
    public async Task Find_answers_to_names_and_aliases(string asked, string expected)
    {
        await using var registry = new LanguageRegistry();

        Assert.Equal(expected, registry.Find(asked)?.Name);
    }

    [Fact]
    public async Task Find_does_not_know_other_languages()
    {
        await using var registry = new LanguageRegistry();

        Assert.Null(registry.Find("cobol"));
    }

    [Fact]
    public async Task The_installed_runtimes_are_available()
    {
        await using var registry = new LanguageRegistry();

        // PowerShell is optional in CI: it comes from NuGet, not from Debian.
        string[] optional = ExecutableLocator.Find("pwsh") is null ? [] : ["powershell"];
        Assert.Equal(["python", "shell", "javascript", "r", "ruby", .. optional, "java", "html", "csharp"], registry.Available.Select(l => l.Name));
        Assert.Null(registry.GetInstallHint(JavaScriptSession.Info));
    }

    [FactOffMacOS]
    public async Task Applescript_is_refused_off_macos_with_a_one_line_reason()
    {
        await using var registry = new LanguageRegistry();

        Assert.DoesNotContain(AppleScriptSession.Info, registry.Available);
        Assert.Equal("AppleScript runs only on macOS.", registry.GetInstallHint(AppleScriptSession.Info));
        Assert.Throws<LanguageUnavailableException>(() => registry.GetSession(AppleScriptSession.Info));
    }

    [Fact]
    public async Task A_missing_runtime_is_not_available_and_says_how_to_install_it()
    {
        await using var registry = new LanguageRegistry(null, null, runtime => runtime == "node" ? null : "/usr/bin/" + runtime);

        Assert.DoesNotContain(JavaScriptSession.Info, registry.Available);
        Assert.Equal("node is not installed: apt install nodejs", registry.GetInstallHint(JavaScriptSession.Info));
        var error = Assert.Throws<LanguageUnavailableException>(() => registry.GetSession(registry.Find("js")!));
        Assert.Equal("node is not installed: apt install nodejs", error.Message);
    }

    [Fact]
    public async Task A_language_has_one_session_which_starts_in_the_working_directory_with_the_extra_environment()
    {
        var directory = Directory.CreateTempSubdirectory("oi-registry-test-").FullName;
        try
        {
            await using var registry = new LanguageRegistry(
                directory, new Dictionary<string, string?> { ["OI_TEST_VALUE"] = "given", ["PAGER"] = "less", ["HOME"] = null });
            var session = registry.GetSession(registry.Find("bash")!);

            var result = await session.RunToEndAsync("pwd\necho \"$OI_TEST_VALUE $PAGER $GIT_PAGER [${HOME-unset}]\"");

            Assert.Same(session, registry.GetSession(registry.Find("sh")!));
            Assert.Equal($"{directory}\ngiven less cat [unset]\n", result.Stdout);
        }
        finally
        {
            Directory.Delete(directory);
        }
    }

    [Fact]
    public async Task Reset_ends_every_session_and_its_process_group_and_the_next_session_is_new()
    {
        await using var registry = new LanguageRegistry();
        var python = (DriverSession)registry.GetSession(PythonSession.Info);
        var shell = (DriverSession)registry.GetSession(ShellSession.Info);
        await python.RunToEndAsync("import subprocess\nchild = subprocess.Popen(['sleep', '60'])");
        await shell.RunToEndAsync("sleep 60 &");
        int[] groups = [python.ProcessGroupId!.Value, shell.ProcessGroupId!.Value];

        await registry.ResetAsync();

        foreach (var group in groups)
        {
            Assert.Empty(await ProcessGroup.WaitUntilEmptyAsync(group));
        }

        Assert.NotSame(python, registry.GetSession(PythonSession.Info));
    }

    [Fact]
    public async Task Disposing_the_registry_ends_its_sessions()
    {
        var registry = new LanguageRegistry();
        var node = (DriverSession)registry.GetSession(JavaScriptSession.Info);
        await node.RunToEndAsync("1");
        var group = node.ProcessGroupId!.Value;

        await registry.DisposeAsync();

        Assert.Empty(await ProcessGroup.WaitUntilEmptyAsync(group));
        Assert.Throws<ObjectDisposedException>(() => registry.GetSession(JavaScriptSession.Info));
    }
}
