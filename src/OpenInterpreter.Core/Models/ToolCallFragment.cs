using Microsoft.Extensions.AI;

namespace OpenInterpreter.Core.Models;

/// <summary>
/// A piece of a tool call's arguments as it streams in. Providers only hand over whole calls at the end of a reply;
/// these pieces let the code be shown while the model writes it, and keep the raw text for repairing bad JSON.
/// </summary>
public sealed class ToolCallFragment(int index, string? callId, string? name, string arguments) : AIContent
{
    /// <summary>The call's position in the reply; pieces with the same index belong together.</summary>
    public int Index { get; } = index;

    /// <summary>The call's id, on the piece that first names it.</summary>
    public string? CallId { get; } = callId;

    /// <summary>The function's name, on the piece that first names it.</summary>
    public string? Name { get; } = name;

    /// <summary>The next characters of the arguments' JSON text.</summary>
    public string Arguments { get; } = arguments;
}
