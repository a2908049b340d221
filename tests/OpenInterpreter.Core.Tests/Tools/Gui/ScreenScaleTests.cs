using OpenInterpreter.Core.Tools.Gui;
using Xunit;

namespace OpenInterpreter.Core.Tests.Tools.Gui;

public sealed class ScreenScaleTests
{
    [Fact]
    public void A_large_screen_is_shrunk_to_fit_keeping_its_shape_and_points_map_back()
    {
        var scale = new ScreenScale(2560, 1440);
        Assert.Equal((1280, 720), (scale.Width, scale.Height));
        Assert.Equal((200, 100), scale.ToReal(100, 50));
        Assert.Equal((100, 50), scale.ToModel(200, 100));
    }

    [Fact]
    public void A_small_screen_is_left_as_it_is()
    {
        var scale = new ScreenScale(1024, 768);
        Assert.Equal((1024, 768), (scale.Width, scale.Height));
        Assert.Equal((10, 20), scale.ToReal(10, 20));
    }

    [Fact]
    public void A_point_off_the_screen_is_refused()
    {
        var scale = new ScreenScale(1600, 1000);
        Assert.Contains("off the screen, which is 1280×800", Assert.Throws<GuiException>(() => scale.ToReal(1280, 10)).Message);
        Assert.Throws<GuiException>(() => scale.ToReal(-1, 10));
    }
}
