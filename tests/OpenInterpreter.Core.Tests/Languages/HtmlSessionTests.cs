using OpenInterpreter.Core.Languages;
using Xunit;

namespace OpenInterpreter.Core.Tests.Languages;

public sealed class HtmlSessionTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("oi-html-test-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task The_page_is_saved_in_the_files_folder_and_its_path_reported()
    {
        await using var session = new HtmlSession(new SessionOptions { FilesDirectory = _directory }, _ => null);

        var result = await session.RunToEndAsync("<h1>Hello</h1>");

        Assert.Equal(RunStatus.Succeeded, result.Status);
        var page = Assert.Single(Directory.GetFiles(_directory, "*.html"));
        Assert.Equal("<h1>Hello</h1>", await File.ReadAllTextAsync(page));
        Assert.StartsWith($"The HTML was saved to {page}\n", result.Stdout);
        Assert.DoesNotContain("opened", result.Stdout);
    }

    [Fact]
    public async Task The_page_is_not_opened_under_ci_even_with_a_display()
    {
        var environment = new Dictionary<string, string?> { ["DISPLAY"] = ":99", ["CI"] = "1" };
        await using var session = new HtmlSession(new SessionOptions { FilesDirectory = _directory }, name => environment.GetValueOrDefault(name));

        var result = await session.RunToEndAsync("<p>x</p>");

        Assert.DoesNotContain("opened", result.Stdout);
    }

    [Fact]
    public async Task The_page_is_rendered_to_a_png_where_a_headless_chromium_is_installed()
    {
        if (HeadlessBrowser.Find() is null)
        {
            // Checked where Chromium is installed; here the run must still succeed without an image.
            await using var bare = new HtmlSession(new SessionOptions { FilesDirectory = _directory }, _ => null);
            var plain = await bare.RunToEndAsync("<p>x</p>");
            Assert.Equal(RunStatus.Succeeded, plain.Status);
            Assert.Empty(plain.Events.OfType<ImageProduced>());
            return;
        }

        await using var session = new HtmlSession(new SessionOptions { FilesDirectory = _directory }, _ => null);

        var result = await session.RunToEndAsync("<body style='background:#c00'><h1>Red</h1></body>");

        Assert.Equal(RunStatus.Succeeded, result.Status);
        var image = Assert.Single(result.Events.OfType<ImageProduced>());
        var png = await File.ReadAllBytesAsync(image.PngPath);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.Equal(_directory, Path.GetDirectoryName(image.PngPath));
    }
}
