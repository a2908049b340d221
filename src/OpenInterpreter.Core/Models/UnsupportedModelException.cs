namespace OpenInterpreter.Core.Models;

/// <summary>A model of a litellm provider that has no client here (bedrock/…, vertex_ai/…): a settings error, exit code 2.</summary>
public sealed class UnsupportedModelException(string message, string hint) : InterpreterException(message, hint);
