namespace OpenInterpreter.Core.Tools.Gui;

/// <summary>A desktop action that cannot be done (no display, a program missing, a point off the screen), with what to do.</summary>
public sealed class GuiException(string message) : Exception(message);
