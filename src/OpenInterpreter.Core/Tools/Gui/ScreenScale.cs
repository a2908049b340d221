namespace OpenInterpreter.Core.Tools.Gui;

/// <summary>
/// The screen's real size and the smaller size the model sees it at: screenshots are shrunk to fit within
/// <see cref="MaxWidth"/>×<see cref="MaxHeight"/> (the sizes computer-use models are trained on), keeping the aspect
/// ratio, and the model's coordinates are mapped back to real pixels.
/// </summary>
public sealed record ScreenScale(int RealWidth, int RealHeight)
{
    public const int MaxWidth = 1280;
    public const int MaxHeight = 800;

    private double Factor => Math.Min(1.0, Math.Min((double)MaxWidth / RealWidth, (double)MaxHeight / RealHeight));

    public int Width => Math.Max(1, (int)Math.Round(RealWidth * Factor));

    public int Height => Math.Max(1, (int)Math.Round(RealHeight * Factor));

    /// <summary>The real pixel under the model's (<paramref name="x"/>, <paramref name="y"/>); refuses points off the screen.</summary>
    public (int X, int Y) ToReal(int x, int y)
    {
        if (x < 0 || y < 0 || x >= Width || y >= Height)
        {
            throw new GuiException($"The point ({x}, {y}) is off the screen, which is {Width}×{Height}.");
        }

        return (Math.Min(RealWidth - 1, (int)Math.Round(x * (double)RealWidth / Width)), Math.Min(RealHeight - 1, (int)Math.Round(y * (double)RealHeight / Height)));
    }

    /// <summary>The model's coordinates of the real pixel (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public (int X, int Y) ToModel(int x, int y) =>
        ((int)Math.Round(x * (double)Width / RealWidth), (int)Math.Round(y * (double)Height / RealHeight));
}
