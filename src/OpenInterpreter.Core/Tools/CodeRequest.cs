namespace OpenInterpreter.Core.Tools;

/// <summary>What the model asked to run: a language (canonical name) and its code; the danger check's findings, and
/// why the user must be asked even under auto-run (<see cref="Caution"/>), once safety has looked at it.</summary>
public sealed record CodeRequest(string Language, string Code)
{
    /// <summary>What the danger check found, shown with the code at the question.</summary>
    public IReadOnlyList<Safety.DangerFinding> Findings { get; init; } = [];

    /// <summary>Why this run needs a yes even under auto-run (a high finding, an ask rule); null when it does not.</summary>
    public string? Caution { get; init; }
}
