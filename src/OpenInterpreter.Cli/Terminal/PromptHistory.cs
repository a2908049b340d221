using OpenInterpreter.Core.Output;

namespace OpenInterpreter.Cli.Terminal;

/// <summary>
/// The lines typed at the prompt, kept across sessions in a private file (mode 0600: people paste secrets), newest
/// last, at most <see cref="Limit"/> of them. One-character answers (<c>y</c>, <c>n</c>) and repeats are not kept.
/// A multi-line message is kept as one entry, its line ends written as U+2028 so the file stays one entry a line.
/// </summary>
internal sealed class PromptHistory
{
    public const int Limit = 1000;
    private const char LineEnd = '\u2028';

    private readonly string _path;
    private readonly List<string> _lines;

    public PromptHistory(string path)
    {
        _path = path;
        _lines = File.Exists(path) ? [.. File.ReadAllLines(path).TakeLast(Limit).Select(l => l.Replace(LineEnd, '\n'))] : [];
    }

    public IReadOnlyList<string> Lines => _lines;

    public void Add(string line)
    {
        if (line.Trim().Length <= 1 || (_lines.Count > 0 && _lines[^1] == line))
        {
            return;
        }

        _lines.Add(line);
        try
        {
            PrivateFile.CreateDirectory(Path.GetDirectoryName(_path)!);
            using var stream = new FileStream(_path, new FileStreamOptions
            {
                Mode = FileMode.Append,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
            using var writer = new StreamWriter(stream);
            writer.WriteLine(line.Replace('\n', LineEnd));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // History is a convenience: a read-only home must not break the prompt.
        }
    }
}
