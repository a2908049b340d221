using System.Globalization;
using System.Text;

namespace OpenInterpreter.Core.History;

/// <summary>
/// Names a conversation file as OI does: the first words of the first message, two underscores, and the time,
/// <c>How_big_is_my__November_25_2026_03-40-12.json</c>.
/// </summary>
public static class ConversationFileName
{
    public static string For(string firstMessage, DateTime time)
    {
        // As OI: the first 25 characters, less the last word (which may be cut), unless there is only one word.
        var head = firstMessage.Length > 25 ? firstMessage[..25] : firstMessage;
        var words = head.Split((char[])[' ', '\n', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
        var kept = words.Length >= 2 ? words[..^1] : words;
        var name = new StringBuilder();
        foreach (var c in string.Join('_', kept))
        {
            if (!"<>:\"/\\|?*!.%".Contains(c) && !char.IsControl(c))
            {
                name.Append(c);
            }
        }

        var title = name.Length == 0 ? "conversation" : name.ToString();
        return $"{title}__{time.ToString("MMMM_dd_yyyy_HH-mm-ss", CultureInfo.InvariantCulture)}.json";
    }
}
