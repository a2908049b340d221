using System.Diagnostics;
using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Cli.Tests.EndToEnd;

public sealed class LanguageRunTests
{
    [Fact]
    public async Task The_timeout_flag_stops_an_endless_run_and_the_model_is_told()
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("loop forever", FakeReply.Execute("python", "print('started', flush=True)\nwhile True:\n    pass"))
            .Otherwise(FakeReply.Text("Stopped."));
        var watch = Stopwatch.StartNew();
        await using var interpreter = Session.Start(server, "-y", "--timeout", "1.5");

        await interpreter.WriteLineAsync("loop forever");
        await interpreter.WaitForOutputAsync("Stopped.");
        interpreter.CloseInput();
        Assert.Equal(0, await interpreter.WaitForExitAsync());

        var result = server.Requests[1].ToolResults.Single();
        Assert.Contains("started", result);
        Assert.Contains("[The run was stopped: it exceeded the time-out of 1.5 s.]", result);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_timeout_in_a_profile_applies_and_a_bad_one_is_refused()
    {
        var home = Directory.CreateTempSubdirectory("oi-timeout-home-").FullName;
        var profiles = Path.Combine(home, ".config", "open-interpreter", "profiles");
        Directory.CreateDirectory(profiles);
        await File.WriteAllTextAsync(Path.Combine(profiles, "quick.yaml"), "timeout: 1\n");
        await File.WriteAllTextAsync(Path.Combine(profiles, "broken.yaml"), "timeout: soon\n");
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("loop forever", FakeReply.Execute("shell", "echo started; while :; do :; done"))
            .Otherwise(FakeReply.Text("Stopped."));

        await using (var interpreter = Session.StartAt(home, server, "-y", "--profile", "quick"))
        {
            await interpreter.WriteLineAsync("loop forever");
            await interpreter.WaitForOutputAsync("Stopped.");
            interpreter.CloseInput();
            Assert.Equal(0, await interpreter.WaitForExitAsync());
        }

        await using var broken = Session.StartAt(home, server, "--profile", "broken");
        broken.CloseInput();

        Assert.Contains("exceeded the time-out of 1 s", server.Requests[1].ToolResults.Single());
        Assert.NotEqual(0, await broken.WaitForExitAsync());
        Assert.Contains("timeout", broken.Stderr);
    }

    [Fact]
    public async Task An_html_page_is_saved_and_where_chromium_is_installed_sent_to_the_model_as_an_image()
    {
        var home = Directory.CreateTempSubdirectory("oi-html-home-").FullName;
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("make a page", FakeReply.Execute("html", "<h1 style='color:red'>Hello</h1>"))
            .Otherwise(FakeReply.Text("Made."));
        await using var interpreter = Session.StartAt(home, server, "-y", "--plain");

        await interpreter.WriteLineAsync("make a page");
        await interpreter.WaitForOutputAsync("Made.");
        interpreter.CloseInput();
        Assert.Equal(0, await interpreter.WaitForExitAsync());

        var files = Path.Combine(home, ".cache", "open-interpreter", "files");
        var page = Assert.Single(Directory.GetFiles(files, "*.html"));
        Assert.Contains($"The HTML was saved to {page}", server.Requests[1].ToolResults.Single());
        var chromium = new[] { "chromium", "chromium-browser", "google-chrome" }.Any(name =>
            (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, name))));
        if (chromium)
        {
            var png = Assert.Single(Directory.GetFiles(files, "*.png"));
            Assert.Equal(await File.ReadAllBytesAsync(png), Assert.Single(server.Requests[1].Images));
            Assert.Contains($"Image: {png}", interpreter.Stdout);
        }
        else
        {
            Assert.Empty(server.Requests[1].Images);
        }
    }
}
