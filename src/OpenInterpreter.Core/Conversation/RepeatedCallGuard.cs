using System.Text;
using Microsoft.Extensions.AI;
using OpenInterpreter.Core.Messages;

namespace OpenInterpreter.Core.Conversation;

/// <summary>
/// Notices a model stuck in a loop: the same tool calls (same tools, same arguments) answered with the same results,
/// round after round. Under <c>-y</c> nothing else would ever stop it.
/// </summary>
public sealed class RepeatedCallGuard
{
    /// <summary>Identical rounds in a row that count as stuck.</summary>
    public const int Limit = 3;

    private string? _last;
    private int _count;

    /// <summary>Records one round: its <paramref name="calls"/> and the <paramref name="results"/> they added; true once it is the <see cref="Limit"/>th identical round in a row.</summary>
    public bool IsStuck(IEnumerable<FunctionCallContent> calls, IEnumerable<LmcMessage> results)
    {
        var signature = Signature(calls, results);
        _count = signature == _last ? _count + 1 : 1;
        _last = signature;
        return _count >= Limit;
    }

    /// <summary>Starts counting afresh (the user chose to go on).</summary>
    public void Reset()
    {
        _last = null;
        _count = 0;
    }

    private static string Signature(IEnumerable<FunctionCallContent> calls, IEnumerable<LmcMessage> results)
    {
        var text = new StringBuilder();
        foreach (var call in calls)
        {
            text.Append(call.Name).Append('\0');
            foreach (var (name, value) in (call.Arguments ?? new Dictionary<string, object?>()).OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                // Values are JsonElements or strings; either prints as its JSON or text, without reflection.
                text.Append(name).Append('=').Append(value?.ToString()).Append('\0');
            }
        }

        foreach (var result in results)
        {
            text.Append(result.Role).Append(':').Append(result.Type).Append(':').Append(result.Content).Append('\0');
        }

        return text.ToString();
    }
}
