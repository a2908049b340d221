using System.Text;
using OpenInterpreter.Core.Tools;

namespace OpenInterpreter.Core.Conversation;

/// <summary>A tool call as it streams in: its id, name, raw argument text, and the code shown so far.</summary>
internal sealed class ToolCallDraft
{
    public string? CallId { get; set; }

    public string? Name { get; set; }

    public StringBuilder RawArguments { get; } = new();

    public StreamingArgumentsReader Reader { get; } = new();

    /// <summary>Code decoded but not yet shown, held back until the language is known.</summary>
    public StringBuilder PendingCode { get; } = new();

    /// <summary>Everything shown of the code so far.</summary>
    public StringBuilder ShownCode { get; } = new();

    /// <summary>The language the shown code block opened with; null while no block is open.</summary>
    public string? ShownLanguage { get; set; }
}
