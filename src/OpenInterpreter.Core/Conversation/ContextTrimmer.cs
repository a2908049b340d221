using Microsoft.Extensions.AI;
using OpenInterpreter.Core.Models;
using OpenInterpreter.Core.Settings;

namespace OpenInterpreter.Core.Conversation;

/// <summary>
/// Fits a request into the model's context (<c>context_window - max_tokens</c> tokens): the system message and the
/// newest messages stay, older ones go; an assistant message with tool calls goes or stays together with its results;
/// when even the newest message alone is too long, its text is cut in the middle with a note. Messages are counted
/// newest first and counting stops at the budget, so a long conversation costs only what fits.
/// </summary>
public static class ContextTrimmer
{
    /// <summary>The tokens a request may use for <paramref name="settings"/>, or null when the context window is unknown.</summary>
    public static int? Budget(ModelSettings settings)
    {
        if ((settings.ContextWindow ?? ModelPrices.Find(settings.Model)?.ContextWindow) is not { } window)
        {
            return null;
        }

        // Without max_tokens, room is kept for a reply of reasonable length.
        var reply = settings.MaxTokens ?? Math.Min(4096, window / 8);
        return Math.Max(1, window - reply);
    }

    /// <summary>The messages of <paramref name="messages"/> that fit in <paramref name="budget"/> tokens.</summary>
    public static List<ChatMessage> Trim(IReadOnlyList<ChatMessage> messages, int budget, TokenCounter counter)
    {
        // Most requests are far from the budget: settle those from the text's length, without building the tokenizer.
        if (TokenCounter.UpperBound(messages) <= budget)
        {
            return [.. messages];
        }

        var start = messages.Count > 0 && messages[0].Role == ChatRole.System ? 1 : 0;
        var used = TokenCounter.PerRequest + (start == 1 ? counter.Count(messages[0]) : 0);
        var keptFrom = messages.Count;

        // Walk back one unit at a time: a message and the tool results that follow it.
        var end = messages.Count;
        while (end > start)
        {
            var unitStart = end - 1;
            while (unitStart > start && messages[unitStart].Role == ChatRole.Tool)
            {
                unitStart--;
            }

            var cost = 0;
            for (var i = unitStart; i < end; i++)
            {
                cost += counter.Count(messages[i]);
            }

            if (used + cost > budget)
            {
                break;
            }

            used += cost;
            keptFrom = unitStart;
            end = unitStart;
        }

        var trimmed = new List<ChatMessage>(messages.Count - keptFrom + 1);
        if (start == 1)
        {
            trimmed.Add(messages[0]);
        }

        if (keptFrom == messages.Count && messages.Count > start)
        {
            // Not even the newest unit fits: keep it, cut down to what is left.
            var unitStart = messages.Count - 1;
            while (unitStart > start && messages[unitStart].Role == ChatRole.Tool)
            {
                unitStart--;
            }

            var left = Math.Max(0, budget - used);
            var unit = messages.Skip(unitStart).ToList();
            var share = Math.Max(1, left / unit.Count);
            trimmed.AddRange(unit.Select(m => Cut(m, share, counter)));
            return trimmed;
        }

        for (var i = keptFrom; i < messages.Count; i++)
        {
            trimmed.Add(messages[i]);
        }

        return trimmed;
    }

    /// <summary>A copy of <paramref name="message"/> whose text fits in <paramref name="tokens"/> tokens, cut in the middle.</summary>
    private static ChatMessage Cut(ChatMessage message, int tokens, TokenCounter counter)
    {
        if (counter.Count(message) <= tokens)
        {
            return message;
        }

        var contents = message.Contents.Select(content => content switch
        {
            TextContent text => new TextContent(CutText(text.Text, tokens, counter)),
            FunctionResultContent result => new FunctionResultContent(result.CallId, CutText(result.Result?.ToString() ?? "", tokens, counter)),
            _ => content,
        }).ToList();
        return new ChatMessage(message.Role, contents) { AuthorName = message.AuthorName };
    }

    private static string CutText(string text, int tokens, TokenCounter counter)
    {
        var total = counter.Count(text);
        if (total <= tokens)
        {
            return text;
        }

        // Characters in proportion to tokens, shrunk until head, note and tail fit.
        var keep = (int)((long)text.Length * tokens / total);
        while (true)
        {
            var head = text[..(keep / 2)];
            var tail = text[^(keep - keep / 2)..];
            var cut = $"{head}\n[… {total - counter.Count(head) - counter.Count(tail)} tokens cut here to fit the model's context window …]\n{tail}";
            if (keep == 0 || counter.Count(cut) <= tokens)
            {
                return cut;
            }

            keep = keep * 9 / 10;
        }
    }
}
