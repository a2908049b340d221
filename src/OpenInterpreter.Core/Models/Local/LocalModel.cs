namespace OpenInterpreter.Core.Models.Local;

/// <summary>A model a running local server offers, and how to reach it.</summary>
public sealed record LocalModel(LocalServer Server, string Name, string ApiBase, bool? SupportsTools)
{
    /// <summary>The litellm-style name to use as <c>--model</c>.</summary>
    public string ModelName => $"{Server.Prefix}/{Name}";

    /// <summary>Code Llama is what OI offers first for running code locally.</summary>
    public bool IsCodeLlama =>
        Name.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal)
            .Contains("codellama", StringComparison.OrdinalIgnoreCase);

    /// <summary>How it is shown in the selection prompt.</summary>
    public string Label => $"{Name} ({Server.DisplayName})";
}
