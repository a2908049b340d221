using OpenInterpreter.Core.Languages;
using Xunit;

namespace OpenInterpreter.Core.Tests.Languages;

public sealed class PythonFigureTests : IAsyncLifetime
{
    private const string InstallHint = "apt install python3-matplotlib, with /usr/bin first on the PATH";
    private readonly string _directory = Directory.CreateTempSubdirectory("oi-figures-test-").FullName;
    private readonly PythonSession _session;

    public PythonFigureTests() => _session = new(new SessionOptions { FilesDirectory = _directory });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _session.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [FactRequiringPythonModule("matplotlib", InstallHint)]
    public async Task A_shown_figure_becomes_a_png_image_and_no_window_is_needed()
    {
        var result = await _session.RunToEndAsync(
            "import matplotlib.pyplot as plt\nplt.plot([1, 2, 3], [1, 4, 9])\nplt.show()\nprint('after show')");

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal("after show\n", result.Stdout);
        var image = Assert.Single(result.Events.OfType<ImageProduced>());
        Assert.Equal(_directory, Path.GetDirectoryName(image.PngPath));
        var png = await File.ReadAllBytesAsync(image.PngPath);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }

    [FactRequiringPythonModule("matplotlib", InstallHint)]
    public async Task Figures_left_open_at_the_end_of_a_run_are_captured_once()
    {
        var first = await _session.RunToEndAsync(
            "import matplotlib.pyplot as plt\nplt.figure()\nplt.bar(['a', 'b'], [3, 5])\nplt.figure()\nplt.plot([0, 1])");
        var second = await _session.RunToEndAsync("print(len(plt.get_fignums()))");

        Assert.Equal(2, first.Events.OfType<ImageProduced>().Count());
        Assert.Empty(second.Events.OfType<ImageProduced>());
        Assert.Equal("0\n", second.Stdout);
    }

    [Fact]
    public async Task A_run_that_draws_nothing_produces_no_image_and_does_not_import_matplotlib()
    {
        var result = await _session.RunToEndAsync("import sys\nprint('matplotlib' in sys.modules)");

        Assert.Equal("False\n", result.Stdout);
        Assert.Empty(result.Events.OfType<ImageProduced>());
    }

    [FactRequiringPythonModule("matplotlib", InstallHint)]
    public async Task A_python_the_code_starts_keeps_its_own_matplotlib_backend()
    {
        var result = await _session.RunToEndAsync(
            "import subprocess, sys\n"
            + "child = subprocess.run([sys.executable, '-c', 'import os, matplotlib.pyplot as p; print(os.environ.get(\"MPLBACKEND\"), p.get_backend())'], capture_output=True, text=True)\n"
            + "print(child.stdout.strip() or child.stderr)");

        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.StartsWith("None ", result.Stdout);
        Assert.DoesNotContain("_oi_", result.Stdout);
    }
}
