namespace OpenInterpreter.Core.Tools.Editor;

/// <summary>An editor command that cannot be done, with the reason the model is told (no match, a binary file…).</summary>
public sealed class EditorRefusal(string message) : Exception(message);
