namespace OpenInterpreter.Core.Tools;

/// <summary>What the model asked to run: a language (canonical name) and its code.</summary>
public sealed record CodeRequest(string Language, string Code);
