using Microsoft.Extensions.AI;
using OpenInterpreter.Core.Models;

namespace OpenInterpreter.Core.Conversation;

/// <summary>
/// How a streamed reply ended, read from its finish reasons, and the one line for a reply that is not a finished answer:
/// cut off before the model finished, stopped by the content filter, stopped at the max_tokens limit, or ended properly
/// without a reason in the middle of a tool call. None of such a reply's tool calls is made.
/// </summary>
internal sealed class ReplyEnd
{
    private bool _finished;
    private bool _filtered;
    private bool _atLimit;
    private bool _inCall;

    /// <summary>
    /// Whether the reply ended at all: the provider's clients give a reason at every proper end, also one the server
    /// did not name (<see cref="UnnamedFinishReason"/>); a stream that just stops has none.
    /// </summary>
    public bool Finished => _finished;

    /// <summary>Whether the provider ended the reply because it reached the output-token limit.</summary>
    public bool AtLimit => _finished && !_filtered && _atLimit;

    /// <summary>Whether the reply ended properly, without a reason, while a tool call was still being written.</summary>
    public bool EndedInCall => _finished && !_filtered && !_atLimit && _inCall;

    /// <summary>
    /// What the model is told about each call of a reply that ended with its arguments cut (at the limit, or in the
    /// middle of a call), so it hears why the call was not made rather than that its JSON was broken; null otherwise.
    /// </summary>
    public string? NotMadeReason =>
        AtLimit ? "Not run: the reply reached the max_tokens limit while this call was being written, so its arguments are incomplete."
        : EndedInCall ? "Not run: the reply ended while this call was being written, so its arguments are incomplete."
        : null;

    /// <summary>Takes in the finish reason of one update (null on most).</summary>
    public void Note(ChatFinishReason? reason)
    {
        _finished |= reason is not null;
        _filtered |= reason == ChatFinishReason.ContentFilter;
        _atLimit |= reason == ChatFinishReason.Length;
        _inCall |= reason == UnnamedFinishReason.CallCut;
    }

    /// <summary>
    /// The error that ends the turn, or null for a finished answer. <paramref name="maxTokens"/> is the limit the
    /// request was sent with (null: the provider's own); <paramref name="callCut"/> says a tool call was being written.
    /// </summary>
    public InterpreterException? Problem(ChatModel model, int? maxTokens, bool textArrived, bool callCut)
    {
        var provider = model.Route.Provider.DisplayName;
        var kept = textArrived ? "; what arrived is kept" : "";
        if (!_finished)
        {
            // A stream that just stops was cut off, and its tool calls may be half written.
            return new InterpreterException(
                $"The reply from {provider} at {model.Route.EndpointText} broke off before the model finished; what arrived is kept.",
                "Try again.");
        }

        if (_filtered)
        {
            // A filtered reply ends properly but may be empty: without this line the turn ended in silence.
            return new InterpreterException(
                $"{Capitalized(provider)} stopped the reply with its content filter{kept}.",
                "Rephrase the request, or ask for something else.");
        }

        if (AtLimit)
        {
            // The text just stopped, and a call cut there has half its arguments: running it would run the wrong code.
            var limit = maxTokens is { } n ? $" ({n} tokens)" : "";
            var call = callCut ? " The tool call it was writing was cut off and is not run." : "";
            return new InterpreterException(
                $"{Capitalized(provider)} ended the reply at the max_tokens limit{limit}{kept}.{call}",
                "Raise the limit with --max_tokens N (profile key llm.max_tokens), or ask for a shorter reply.");
        }

        if (EndedInCall)
        {
            // Servers that name no reason do not report their own token limit either: the call was cut, likely there.
            return new InterpreterException(
                $"The reply from {provider} at {model.Route.EndpointText} ended in the middle of a tool call without saying why; the call is not run{kept}.",
                "Try again; if the server stopped at its output limit, raise it with --max_tokens N (profile key llm.max_tokens).");
        }

        return null;
    }

    /// <summary>A provider's name at the start of a line; some are lower case ("the embedded engine").</summary>
    private static string Capitalized(string name) => name.Length > 0 && char.IsLower(name[0]) ? char.ToUpperInvariant(name[0]) + name[1..] : name;
}
