using System.Text.Json;
using OpenInterpreter.Core.Messages;

namespace OpenInterpreter.Core.History;

/// <summary>
/// The conversations folder (<c>$XDG_CONFIG_HOME/open-interpreter/conversations</c>, as OI): each conversation is a JSON
/// array of LMC messages, written atomically, read tolerantly (OI's files carry keys and content shapes we do not use).
/// </summary>
public sealed class ConversationStore(string directory)
{
    public string Directory { get; } = directory;

    /// <summary>Applied to every message's content before it is written (masks secrets); null to write as is.</summary>
    public Func<string, string>? Mask { get; init; }

    /// <summary>Writes <paramref name="messages"/> to <paramref name="path"/> at once (temp file + rename), mode 0600.</summary>
    public void Save(string path, IReadOnlyList<LmcMessage> messages)
    {
        var list = Masked(messages);
        AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, list, LmcJsonContext.Default.ListLmcMessage));
    }

    // Every write goes through here: a first save that skipped the mask left a key typed in a one-turn conversation on disk.
    private List<LmcMessage> Masked(IReadOnlyList<LmcMessage> messages) =>
        Mask is { } mask ? messages.Select(m => m with { Content = mask(m.Content) }).ToList() : messages as List<LmcMessage> ?? [.. messages];

    /// <summary>
    /// Writes <paramref name="messages"/> to a new file named <paramref name="name"/> (or <c>name_2</c>, <c>name_3</c>…
    /// when taken) and returns its path. The name is claimed with <c>O_EXCL</c>, so two instances that save at the same
    /// moment under the same name get two files instead of one overwriting the other.
    /// </summary>
    public string SaveNew(string name, IReadOnlyList<LmcMessage> messages)
    {
        Output.PrivateFile.CreateDirectory(Directory);
        var list = Masked(messages);
        for (var n = 1; ; n++)
        {
            var path = Path.Combine(Directory, n == 1 ? name : $"{Path.GetFileNameWithoutExtension(name)}_{n}.json");
            FileStream stream;
            try
            {
                stream = new FileStream(path, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                });
            }
            catch (IOException) when (File.Exists(path))
            {
                continue;
            }

            try
            {
                // A new file has no earlier save to protect, so it is written in place; later saves go through AtomicFile.
                using (stream)
                {
                    JsonSerializer.Serialize(stream, list, LmcJsonContext.Default.ListLmcMessage);
                    stream.Flush(flushToDisk: true);
                }

                return path;
            }
            catch
            {
                File.Delete(path);
                throw;
            }
        }
    }

    /// <summary>The messages of a conversation file; a damaged file is an <see cref="InterpreterException"/> naming it.</summary>
    public static List<LmcMessage> Load(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new InterpreterException($"{path} is not a conversation: it holds no list of messages.");
            }

            return document.RootElement.EnumerateArray().Select(Read).OfType<LmcMessage>().ToList();
        }
        catch (JsonException e)
        {
            throw new InterpreterException($"{path} is damaged: {e.Message.Split('\n')[0]}", "It was skipped; move it away to stop this message.", e);
        }
    }

    /// <summary>The saved conversations, newest first, with the files that could not be read.</summary>
    public (IReadOnlyList<SavedConversation> Conversations, IReadOnlyList<string> Damaged) List()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return ([], []);
        }

        var conversations = new List<SavedConversation>();
        var damaged = new List<string>();
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*.json"))
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(file));
                if (document.RootElement.ValueKind != JsonValueKind.Array)
                {
                    damaged.Add(file);
                    continue;
                }
            }
            catch (JsonException)
            {
                damaged.Add(file);
                continue;
            }

            conversations.Add(new SavedConversation(file, Title(file), File.GetLastWriteTime(file)));
        }

        return (conversations.OrderByDescending(c => c.Saved).ToList(), damaged);
    }

    /// <summary>The words of a file name, without the time: <c>How_big_is__…json</c> → <c>How big is</c>.</summary>
    public static string Title(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var split = name.LastIndexOf("__", StringComparison.Ordinal);
        return (split > 0 ? name[..split] : name).Replace('_', ' ');
    }

    private static LmcMessage? Read(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String
            || !element.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var content = element.TryGetProperty("content", out var c)
            ? c.ValueKind switch
            {
                JsonValueKind.String => c.GetString() ?? "",
                JsonValueKind.Null => "",
                _ => c.GetRawText(),
            }
            : "";
        var format = element.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        return new LmcMessage(role.GetString()!, type.GetString()!, content, format);
    }
}
