namespace OpenInterpreter.Core.Tools.Gui;

/// <summary>The desktop the <c>gui</c> tool drives: screenshots, the pointer and the keyboard, in real screen pixels.</summary>
public interface IScreen
{
    /// <summary>The screen's size and the size the model sees it at; throws <see cref="GuiException"/> when there is no usable desktop.</summary>
    Task<ScreenScale> GetScaleAsync(CancellationToken cancellationToken);

    /// <summary>A PNG of the whole screen at <paramref name="scale"/>'s model size.</summary>
    Task<byte[]> ScreenshotAsync(ScreenScale scale, CancellationToken cancellationToken);

    Task MoveAsync(int x, int y, CancellationToken cancellationToken);

    /// <summary>Clicks <paramref name="button"/> (1 left, 2 middle, 3 right; 4–7 scroll) <paramref name="count"/> times where the pointer is.</summary>
    Task ClickAsync(int button, int count, CancellationToken cancellationToken);

    /// <summary>Presses the left button at one point and releases it at another.</summary>
    Task DragAsync(int fromX, int fromY, int toX, int toY, CancellationToken cancellationToken);

    /// <summary>Presses a key or a combination, xdotool style: <c>Return</c>, <c>ctrl+s</c>, <c>alt+Tab</c>.</summary>
    Task KeyAsync(string keys, CancellationToken cancellationToken);

    Task TypeAsync(string text, CancellationToken cancellationToken);

    /// <summary>Presses (<paramref name="down"/>) or releases mouse <paramref name="button"/> where the pointer is, for drags the model does in steps.</summary>
    Task MouseButtonAsync(int button, bool down, CancellationToken cancellationToken);

    /// <summary>Presses (<paramref name="down"/>) or releases keys, xdotool style (<c>shift</c>, <c>ctrl+alt</c>), which stay held in between.</summary>
    Task HoldKeysAsync(string keys, bool down, CancellationToken cancellationToken);

    Task<(int X, int Y)> CursorAsync(CancellationToken cancellationToken);
}
