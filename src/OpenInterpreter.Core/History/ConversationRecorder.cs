using OpenInterpreter.Core.Messages;

namespace OpenInterpreter.Core.History;

/// <summary>
/// Keeps one conversation saved: after each turn the whole conversation is written again to its file, named when
/// the first turn is saved (or taken over from a continued conversation). When another instance has saved that file
/// since (the same conversation continued twice), the next save starts a new file rather than overwrite its turns.
/// </summary>
public sealed class ConversationRecorder(ConversationStore store, Func<DateTime>? clock = null)
{
    /// <summary>The file this conversation is saved to; null until the first save.</summary>
    public string? Path { get; private set; }

    // A signal saves from its own thread while the turn may be saving too: both must go to the one file.
    private readonly Lock _gate = new();

    // The file as this recorder last wrote or loaded it; a different one on disk was written by someone else.
    private (DateTime Written, long Length)? _seen;

    /// <summary>Saves <paramref name="messages"/>; nothing is written while there is no message yet and no file.</summary>
    public void Save(IReadOnlyList<LmcMessage> messages)
    {
        lock (_gate)
        {
            SaveLocked(messages);
        }
    }

    private void SaveLocked(IReadOnlyList<LmcMessage> messages)
    {
        if (Path is not null && ChangedElsewhere(Path))
        {
            // Another instance continued this conversation too and saved since we did: writing over its file would
            // drop its turns, so this conversation goes on in a file of its own.
            Path = null;
        }

        if (messages.Count == 0)
        {
            // %undo of the only exchange: the file must not keep what was undone.
            if (Path is not null)
            {
                store.Save(Path, messages);
                _seen = StampOf(Path);
            }

            return;
        }

        if (Path is null)
        {
            // The first save claims a file of its own; every later save of this conversation goes to that file.
            Path = store.SaveNew(ConversationFileName.For(FirstText(messages), (clock ?? (() => DateTime.Now))()), messages);
        }
        else
        {
            store.Save(Path, messages);
        }

        _seen = StampOf(Path);
    }

    /// <summary>Goes on saving into the file of a continued conversation.</summary>
    public void ContinueIn(string path)
    {
        lock (_gate)
        {
            Path = path;
            _seen = StampOf(path);
        }
    }

    /// <summary>The next save starts a new file (after <c>%reset</c>).</summary>
    public void StartNew() => Path = null;

    private bool ChangedElsewhere(string path) => _seen is { } seen && StampOf(path) is { } now && now != seen;

    private static (DateTime Written, long Length)? StampOf(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? (file.LastWriteTimeUtc, file.Length) : null;
    }

    private static string FirstText(IReadOnlyList<LmcMessage> messages) =>
        messages.FirstOrDefault(m => m.Role == LmcRole.User && m.Type == LmcType.Message)?.Content
        // A conversation that began with %% is named for the command, not for its "$" prompt.
        ?? (messages[0].Content is { } first && first.StartsWith("$ ", StringComparison.Ordinal) ? first[2..].Split('\n')[0] : messages[0].Content);
}
