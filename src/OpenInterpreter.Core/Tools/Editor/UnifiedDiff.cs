using System.Text;

namespace OpenInterpreter.Core.Tools.Editor;

/// <summary>
/// A unified diff of one change. Every editor command changes one contiguous run of lines, so the common head and
/// tail are trimmed and the middle is one hunk, with three lines of context around it.
/// </summary>
public static class UnifiedDiff
{
    private const int Context = 3;

    public static string Create(string path, string? before, string? after)
    {
        var old = Lines(before);
        var @new = Lines(after);
        var head = 0;
        while (head < old.Length && head < @new.Length && old[head] == @new[head])
        {
            head++;
        }

        var tail = 0;
        while (tail < old.Length - head && tail < @new.Length - head && old[^(tail + 1)] == @new[^(tail + 1)])
        {
            tail++;
        }

        var start = Math.Max(0, head - Context);
        var oldEnd = Math.Min(old.Length, old.Length - tail + Context);
        var newEnd = Math.Min(@new.Length, @new.Length - tail + Context);
        var text = new StringBuilder();
        text.Append("--- ").Append(before is null ? "/dev/null" : $"a/{path}").Append('\n');
        text.Append("+++ ").Append(after is null ? "/dev/null" : $"b/{path}").Append('\n');
        text.Append($"@@ -{Range(start, oldEnd - start)} +{Range(start, newEnd - start)} @@\n");
        for (var i = start; i < head; i++)
        {
            text.Append(' ').Append(old[i]).Append('\n');
        }

        for (var i = head; i < old.Length - tail; i++)
        {
            text.Append('-').Append(old[i]).Append('\n');
        }

        for (var i = head; i < @new.Length - tail; i++)
        {
            text.Append('+').Append(@new[i]).Append('\n');
        }

        for (var i = old.Length - tail; i < oldEnd; i++)
        {
            text.Append(' ').Append(old[i]).Append('\n');
        }

        return text.ToString();
    }

    private static string[] Lines(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.EndsWith('\n') ? text[..^1].Split('\n') : text.Split('\n');

    // Unified diff ranges are 1-based; an empty range names the line before it.
    private static string Range(int start, int count) => count == 0 ? $"{start},0" : count == 1 ? $"{start + 1}" : $"{start + 1},{count}";
}
