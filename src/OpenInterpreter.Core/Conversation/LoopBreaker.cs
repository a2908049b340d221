using OpenInterpreter.Core.Messages;

namespace OpenInterpreter.Core.Conversation;

/// <summary>Whether loop mode stops: the model's last answer contains one of the breakers, as OI checks it.</summary>
public static class LoopBreaker
{
    /// <summary>True when the newest assistant message since the last user message holds a breaker.</summary>
    public static bool Said(IReadOnlyList<LmcMessage> messages, IReadOnlyList<string> breakers)
    {
        for (var i = messages.Count - 1; i >= 0 && messages[i].Role != LmcRole.User; i--)
        {
            if (messages[i] is { Role: LmcRole.Assistant, Type: LmcType.Message } answer)
            {
                return breakers.Any(b => answer.Content.Contains(b, StringComparison.Ordinal));
            }
        }

        return false;
    }
}
