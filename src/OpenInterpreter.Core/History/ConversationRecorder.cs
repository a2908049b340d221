using OpenInterpreter.Core.Messages;

namespace OpenInterpreter.Core.History;

/// <summary>
/// Keeps one conversation saved: after each turn the whole conversation is written again to its file, named when
/// the first turn is saved (or taken over from a continued conversation).
/// </summary>
public sealed class ConversationRecorder(ConversationStore store, Func<DateTime>? clock = null)
{
    /// <summary>The file this conversation is saved to; null until the first save.</summary>
    public string? Path { get; private set; }

    /// <summary>Saves <paramref name="messages"/>; nothing is written while there is no message yet and no file.</summary>
    public void Save(IReadOnlyList<LmcMessage> messages)
    {
        if (messages.Count == 0)
        {
            // %undo of the only exchange: the file must not keep what was undone.
            if (Path is not null)
            {
                store.Save(Path, messages);
            }

            return;
        }

        Path ??= FreePath(ConversationFileName.For(FirstText(messages), (clock ?? (() => DateTime.Now))()));
        store.Save(Path, messages);
    }

    /// <summary>The file for a new conversation; two started in the same second with the same words get two files.</summary>
    private string FreePath(string name)
    {
        var path = System.IO.Path.Combine(store.Directory, name);
        for (var n = 2; File.Exists(path); n++)
        {
            path = System.IO.Path.Combine(store.Directory, $"{System.IO.Path.GetFileNameWithoutExtension(name)}_{n}.json");
        }

        return path;
    }

    /// <summary>Goes on saving into the file of a continued conversation.</summary>
    public void ContinueIn(string path) => Path = path;

    /// <summary>The next save starts a new file (after <c>%reset</c>).</summary>
    public void StartNew() => Path = null;

    private static string FirstText(IReadOnlyList<LmcMessage> messages) =>
        messages.FirstOrDefault(m => m.Role == LmcRole.User && m.Type == LmcType.Message)?.Content ?? messages[0].Content;
}
