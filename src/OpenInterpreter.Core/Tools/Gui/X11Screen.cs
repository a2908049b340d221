using System.Globalization;
using OpenInterpreter.Core.Languages;

namespace OpenInterpreter.Core.Tools.Gui;

/// <summary>
/// An X11 desktop driven with <c>xdotool</c>, photographed with ImageMagick's <c>import</c> (or <c>xwd</c> converted
/// by ImageMagick). Says plainly when there is no display or a program is missing, with the Debian package to install.
/// </summary>
public sealed class X11Screen : IScreen
{
    // xdotool types in pieces so that Ctrl-C stops a long text between two of them.
    private const int TypedPieceLength = 40;

    public async Task<ScreenScale> GetScaleAsync(CancellationToken cancellationToken)
    {
        var geometry = (await XdotoolAsync(["getdisplaygeometry"], cancellationToken).ConfigureAwait(false)).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (geometry.Length != 2 || !int.TryParse(geometry[0], CultureInfo.InvariantCulture, out var width) || !int.TryParse(geometry[1], CultureInfo.InvariantCulture, out var height))
        {
            throw new GuiException($"xdotool reported an unreadable screen size '{string.Join(' ', geometry)}'.");
        }

        return new ScreenScale(width, height);
    }

    public async Task<byte[]> ScreenshotAsync(ScreenScale scale, CancellationToken cancellationToken)
    {
        RequireDisplay();
        var size = $"{scale.Width}x{scale.Height}!";
        if (ExecutableLocator.Find("import") is { } import)
        {
            return await ExternalCommand.RunAsync(import, ["-silent", "-window", "root", "-resize", size, "png:-"], null, cancellationToken).ConfigureAwait(false);
        }

        if (ExecutableLocator.Find("xwd") is { } xwd && ExecutableLocator.Find("convert") is { } convert)
        {
            var dump = await ExternalCommand.RunAsync(xwd, ["-root", "-silent"], null, cancellationToken).ConfigureAwait(false);
            return await ExternalCommand.RunAsync(convert, ["xwd:-", "-resize", size, "png:-"], dump, cancellationToken).ConfigureAwait(false);
        }

        throw new GuiException("No screenshot program: install ImageMagick (sudo apt-get install imagemagick).");
    }

    public Task MoveAsync(int x, int y, CancellationToken cancellationToken) =>
        XdotoolAsync(["mousemove", "--sync", Number(x), Number(y)], cancellationToken);

    public Task ClickAsync(int button, int count, CancellationToken cancellationToken) =>
        XdotoolAsync(["click", "--repeat", Number(count), "--delay", "80", Number(button)], cancellationToken);

    public Task DragAsync(int fromX, int fromY, int toX, int toY, CancellationToken cancellationToken) =>
        XdotoolAsync(["mousemove", "--sync", Number(fromX), Number(fromY), "mousedown", "1", "mousemove", "--sync", Number(toX), Number(toY), "mouseup", "1"], cancellationToken);

    public Task KeyAsync(string keys, CancellationToken cancellationToken) =>
        XdotoolAsync(["key", "--clearmodifiers", "--", .. keys.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(KeyName)], cancellationToken);

    public async Task TypeAsync(string text, CancellationToken cancellationToken)
    {
        for (var i = 0; i < text.Length; i += TypedPieceLength)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await XdotoolAsync(["type", "--delay", "12", "--", text.Substring(i, Math.Min(TypedPieceLength, text.Length - i))], cancellationToken).ConfigureAwait(false);
        }
    }

    public Task MouseButtonAsync(int button, bool down, CancellationToken cancellationToken) =>
        XdotoolAsync([down ? "mousedown" : "mouseup", Number(button)], cancellationToken);

    public Task HoldKeysAsync(string keys, bool down, CancellationToken cancellationToken) =>
        XdotoolAsync([down ? "keydown" : "keyup", "--", .. keys.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(KeyName)], cancellationToken);

    public async Task<(int X, int Y)> CursorAsync(CancellationToken cancellationToken)
    {
        var values = (await XdotoolAsync(["getmouselocation", "--shell"], cancellationToken).ConfigureAwait(false))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0].Trim(), pair => pair[1].Trim());
        return (int.Parse(values["X"], CultureInfo.InvariantCulture), int.Parse(values["Y"], CultureInfo.InvariantCulture));
    }

    /// <summary>Key names models often use that xdotool spells differently.</summary>
    private static string KeyName(string key) => string.Join('+', key.Split('+').Select(part => part.ToLowerInvariant() switch
    {
        "enter" or "return" => "Return",
        "esc" or "escape" => "Escape",
        "ctrl" or "control" => "ctrl",
        "cmd" or "command" or "win" or "meta" or "super" => "super",
        "backspace" => "BackSpace",
        "pageup" or "page_up" => "Prior",
        "pagedown" or "page_down" => "Next",
        "del" or "delete" => "Delete",
        "space" => "space",
        "tab" => "Tab",
        _ => part,
    }));

    private static async Task<string> XdotoolAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        RequireDisplay();
        var xdotool = ExecutableLocator.Find("xdotool") ?? throw new GuiException("xdotool is not installed: install it (sudo apt-get install xdotool) to let the model use the mouse and keyboard.");
        return await ExternalCommand.RunTextAsync(xdotool, arguments, cancellationToken).ConfigureAwait(false);
    }

    private static void RequireDisplay()
    {
        if (OperatingSystem.IsWindows() || OperatingSystem.IsMacOS())
        {
            throw new GuiException("The gui tool drives X11 desktops (Linux) only so far.");
        }

        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY")))
        {
            throw new GuiException("There is no X display (DISPLAY is not set): run the interpreter inside an X11 desktop session, or start one (Xvfb) and set DISPLAY.");
        }
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
