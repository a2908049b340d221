namespace OpenInterpreter.Core.Settings;

/// <summary>A broken profile or setting: names where it is (file, line and column, or the flag) and what is wrong.</summary>
public sealed class SettingsException(string message, string? hint = null, Exception? inner = null) : InterpreterException(message, hint, inner);
