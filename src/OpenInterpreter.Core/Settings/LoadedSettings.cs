namespace OpenInterpreter.Core.Settings;

/// <summary>The effective settings and the warnings met on the way (one line per unknown profile key).</summary>
public sealed record LoadedSettings(InterpreterSettings Settings, IReadOnlyList<string> Warnings);
