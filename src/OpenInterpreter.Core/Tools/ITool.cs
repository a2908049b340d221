using Microsoft.Extensions.AI;
using OpenInterpreter.Core.Messages;

namespace OpenInterpreter.Core.Tools;

/// <summary>A tool offered to the model: it declares itself and handles the calls made to it, streaming LMC chunks.</summary>
public interface ITool
{
    /// <summary>The name the user picks it by in <c>--tools</c>: <c>interpreter</c>, <c>editor</c>, <c>gui</c>.</summary>
    string Name { get; }

    /// <summary>The declaration the model is offered.</summary>
    AITool Declare();

    /// <summary>True when a call to <paramref name="functionName"/> is this tool's to handle.</summary>
    bool Handles(string functionName);

    /// <summary>
    /// Handles one finished call: asks where it must, acts, streams what happens, and appends to
    /// <paramref name="conversation"/> the call and the result the model gets back.
    /// </summary>
    IAsyncEnumerable<LmcChunk> HandleAsync(ToolCall call, List<LmcMessage> conversation, CancellationToken cancellationToken);
}
