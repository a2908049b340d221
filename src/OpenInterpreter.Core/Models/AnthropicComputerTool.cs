namespace OpenInterpreter.Core.Models;

/// <summary>
/// Which version of Anthropic's native computer-use tool a Claude model is trained on, and the beta header that
/// enables it. Anthropic's computer-use docs: <c>computer_20251124</c> with <c>computer-use-2025-11-24</c> for Claude
/// Opus 4.5 and later (Opus 4.6, 4.7, Sonnet 4.6); <c>computer_20250124</c> with <c>computer-use-2025-01-24</c> for
/// Claude Sonnet 4.5, Haiku 4.5, Opus 4.1, Sonnet 4, Opus 4 and Sonnet 3.7.
/// </summary>
public sealed record AnthropicComputerTool(string Type, string BetaHeader)
{
    /// <summary>The tool name the native tool must have; the gui tool's function is named alike.</summary>
    public const string Name = "computer";

    private static readonly AnthropicComputerTool Latest = new("computer_20251124", "computer-use-2025-11-24");
    private static readonly AnthropicComputerTool Previous = new("computer_20250124", "computer-use-2025-01-24");

    private static readonly string[] LatestModels = ["claude-opus-4-5", "claude-opus-4-6", "claude-opus-4-7", "claude-sonnet-4-6"];

    /// <summary>The tool version for <paramref name="model"/> (an id like <c>claude-sonnet-4-5-20250929</c>).</summary>
    public static AnthropicComputerTool For(string model) =>
        LatestModels.Any(m => model.Contains(m, StringComparison.OrdinalIgnoreCase)) ? Latest : Previous;
}
