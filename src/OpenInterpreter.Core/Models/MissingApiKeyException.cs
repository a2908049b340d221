namespace OpenInterpreter.Core.Models;

/// <summary>A cloud model was chosen and no key was found for it anywhere.</summary>
public sealed class MissingApiKeyException(Provider provider)
    : InterpreterException($"No API key for {provider.DisplayName}.", $"Set {provider.KeyVariable} or pass --api_key.")
{
    public Provider Provider { get; } = provider;
}
