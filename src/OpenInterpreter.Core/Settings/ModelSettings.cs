namespace OpenInterpreter.Core.Settings;

/// <summary>Which model to call and how: OI's <c>llm:</c> section of a profile.</summary>
public sealed record ModelSettings
{
    /// <summary>The model name, litellm style (<c>gpt-4o</c>, <c>openai/…</c>).</summary>
    public string Model { get; init; } = "gpt-4o";

    /// <summary>The provider's base URL; null for the provider's own.</summary>
    public string? ApiBase { get; init; }

    /// <summary>Azure OpenAI's <c>api-version</c>; null to take <c>AZURE_API_VERSION</c> or a recent default.</summary>
    public string? ApiVersion { get; init; }

    /// <summary>The key; null to take it from the provider's environment variable.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Where <see cref="ApiKey"/> came from (<c>--api_key</c>, <c>OPENAI_API_KEY</c>…), for error messages.</summary>
    public string? ApiKeySource { get; init; }

    public double Temperature { get; init; }

    /// <summary>Most tokens per reply; null lets the provider decide.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>The model's context size in tokens; null when unknown.</summary>
    public int? ContextWindow { get; init; }

    /// <summary>Whether the model is called with tools; false means code arrives as fenced blocks in text.</summary>
    public bool SupportsFunctions { get; init; } = true;

    /// <summary>Whether the model accepts images; null to judge by its name (<see cref="Models.VisionModels"/>).</summary>
    public bool? SupportsVision { get; init; }

    /// <summary>Longest silence between two chunks of a streamed reply before it is given up; zero for no limit.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Longest wait for the first chunk (a model loading, a long prompt read); zero for no limit.</summary>
    public TimeSpan FirstTokenTimeout { get; init; } = TimeSpan.FromSeconds(600);
}
