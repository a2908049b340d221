using System.Globalization;
using System.Text;

namespace OpenInterpreter.Core.Tools.Editor;

/// <summary>
/// The commands of Anthropic's text-editor tool on files under <paramref name="workingDirectory"/>: view, create,
/// str_replace, insert and undo_edit. Changes are planned first (so they can be shown and confirmed), then applied;
/// each applied change is remembered per file for <c>undo_edit</c>. Problems are <see cref="EditorRefusal"/>s.
/// </summary>
public sealed class FileEditor(string workingDirectory, long maxFileBytes = FileEditor.DefaultMaxFileBytes, int maxViewChars = FileEditor.DefaultMaxViewChars)
{
    public const long DefaultMaxFileBytes = 1024 * 1024;
    public const int DefaultMaxViewChars = 16_000;
    private const int SnippetContext = 4;

    private readonly Dictionary<string, Stack<string?>> _history = new(StringComparer.Ordinal);

    /// <summary>The absolute path of <paramref name="path"/>, resolved against the working folder.</summary>
    public string Resolve(string path)
    {
        var expanded = path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..])
            : path;
        return Path.GetFullPath(expanded, workingDirectory);
    }

    /// <summary>True when <paramref name="fullPath"/> is not inside the working folder.</summary>
    public bool IsOutside(string fullPath)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(workingDirectory));
        return fullPath != root && !fullPath.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    /// <summary>How the path is shown: relative inside the working folder, absolute outside it.</summary>
    public string Display(string fullPath) => IsOutside(fullPath) ? fullPath : Path.GetRelativePath(workingDirectory, fullPath);

    /// <summary>A file with line numbers (optionally lines <c>[start, end]</c>, end -1 for the last), or a folder two levels deep.</summary>
    public string View(string path, int[]? range)
    {
        var full = Resolve(path);
        var shown = Display(full);
        if (Directory.Exists(full))
        {
            if (range is not null)
            {
                throw new EditorRefusal($"view_range applies to files, and {shown} is a folder.");
            }

            return Clip($"Files and folders up to 2 levels deep in {shown}, hidden ones left out:\n{string.Join('\n', Listing(full, shown))}\n", "list a deeper folder to see more");
        }

        var lines = SplitLines(ReadExisting(full, shown));
        var first = 1;
        var last = lines.Length;
        if (range is not null)
        {
            if (range.Length != 2)
            {
                throw new EditorRefusal($"view_range must be two line numbers [start, end], not {range.Length}.");
            }

            first = range[0];
            last = range[1] == -1 ? lines.Length : range[1];
            if (first < 1 || first > Math.Max(lines.Length, 1))
            {
                throw new EditorRefusal($"view_range start {first} is outside the file's lines 1–{lines.Length}.");
            }

            if (last < first)
            {
                throw new EditorRefusal($"view_range end {range[1]} is before its start {first}; use -1 for the last line.");
            }

            last = Math.Min(last, lines.Length);
        }

        return Clip($"{shown}, lines {first}–{last} of {lines.Length}:\n{Numbered(lines, first, last)}", "view a smaller view_range to see the rest");
    }

    /// <summary>A new file with <paramref name="text"/>; refuses to overwrite one that exists.</summary>
    public EditPlan PlanCreate(string path, string text)
    {
        var full = Resolve(path);
        var shown = Display(full);
        if (Directory.Exists(full))
        {
            throw new EditorRefusal($"{shown} is a folder; create needs a file path.");
        }

        if (File.Exists(full))
        {
            throw new EditorRefusal($"{shown} already exists; create never overwrites. Use str_replace or insert to change it.");
        }

        return new EditPlan(EditorCommand.Create, full, shown, null, text, $"Created {shown} ({SplitLines(text).Length} lines).");
    }

    /// <summary>Replaces the one occurrence of <paramref name="oldText"/>; none or several are refused, saying how many.</summary>
    public EditPlan PlanStrReplace(string path, string oldText, string newText)
    {
        var full = Resolve(path);
        var shown = Display(full);
        var before = ReadExisting(full, shown);
        if (oldText.Length == 0)
        {
            throw new EditorRefusal("old_str is empty; give the exact text to replace, or use insert to add text.");
        }

        var positions = Occurrences(before, oldText);
        if (positions.Count == 0)
        {
            throw new EditorRefusal($"No replacement was made: old_str does not appear verbatim in {shown}. Check spaces, tabs and line breaks, or view the file first.");
        }

        if (positions.Count > 1)
        {
            var lines = string.Join(", ", positions.Select(p => LineOf(before, p).ToString(CultureInfo.InvariantCulture)));
            throw new EditorRefusal($"No replacement was made: old_str appears {positions.Count} times in {shown} (lines {lines}); include more surrounding text so it matches exactly once.");
        }

        var after = string.Concat(before.AsSpan(0, positions[0]), newText, before.AsSpan(positions[0] + oldText.Length));
        var startLine = LineOf(before, positions[0]);
        var endLine = startLine + newText.Count(c => c == '\n');
        return new EditPlan(EditorCommand.StrReplace, full, shown, before, after, Edited(shown, after, startLine, endLine));
    }

    /// <summary>Inserts <paramref name="text"/> after line <paramref name="afterLine"/> (0 puts it first).</summary>
    public EditPlan PlanInsert(string path, int afterLine, string text)
    {
        var full = Resolve(path);
        var shown = Display(full);
        var before = ReadExisting(full, shown);
        var lines = SplitLines(before).ToList();
        if (afterLine < 0 || afterLine > lines.Count)
        {
            throw new EditorRefusal($"insert_line {afterLine} is outside 0–{lines.Count} ({shown} has {lines.Count} lines; 0 inserts at the top).");
        }

        var inserted = SplitLines(text);
        lines.InsertRange(afterLine, inserted);
        var after = string.Join('\n', lines) + (before.Length == 0 || before.EndsWith('\n') ? "\n" : "");
        return new EditPlan(EditorCommand.Insert, full, shown, before, after, Edited(shown, after, afterLine + 1, afterLine + inserted.Length));
    }

    /// <summary>Puts back the text from before the last change this editor made to the file.</summary>
    public EditPlan PlanUndo(string path)
    {
        var full = Resolve(path);
        var shown = Display(full);
        if (!_history.TryGetValue(full, out var changes) || changes.Count == 0)
        {
            throw new EditorRefusal($"There is no edit of {shown} to undo in this session.");
        }

        var current = File.Exists(full) ? ReadExisting(full, shown) : null;
        var previous = changes.Peek();
        var result = previous is null
            ? $"Undid the creation of {shown}: the file is removed."
            : $"Undid the last edit of {shown}; it is back to:\n{Clip(Numbered(SplitLines(previous), 1, SplitLines(previous).Length), "view it to see the rest")}";
        return new EditPlan(EditorCommand.UndoEdit, full, shown, current, previous, result);
    }

    /// <summary>Writes a planned change atomically and remembers it for undo; returns what the model is told.</summary>
    public string Apply(EditPlan plan)
    {
        if (plan.After is null)
        {
            File.Delete(plan.FullPath);
        }
        else
        {
            TextFile.WriteAtomically(plan.FullPath, plan.After);
        }

        if (plan.Command == EditorCommand.UndoEdit)
        {
            _history[plan.FullPath].Pop();
        }
        else
        {
            if (!_history.TryGetValue(plan.FullPath, out var changes))
            {
                _history[plan.FullPath] = changes = new Stack<string?>();
            }

            changes.Push(plan.Before);
        }

        return plan.ResultText;
    }

    private string ReadExisting(string full, string shown)
    {
        if (Directory.Exists(full))
        {
            throw new EditorRefusal($"{shown} is a folder, not a file.");
        }

        if (!File.Exists(full))
        {
            throw new EditorRefusal($"{shown} does not exist. Use create to make a new file.");
        }

        return TextFile.Read(full, shown, maxFileBytes);
    }

    private string Edited(string shown, string after, int startLine, int endLine)
    {
        var lines = SplitLines(after);
        var first = Math.Max(1, startLine - SnippetContext);
        var last = Math.Min(lines.Length, endLine + SnippetContext);
        return $"Edited {shown}. Lines {first}–{last} now read:\n{Numbered(lines, first, last)}Check that the change is what you meant; undo_edit reverts it.";
    }

    private string Clip(string text, string advice) =>
        text.Length <= maxViewChars
            ? text
            : $"{text[..maxViewChars]}\n[Clipped: {text.Length - maxViewChars:N0} more characters not shown; {advice}.]\n";

    private static string Numbered(string[] lines, int first, int last)
    {
        var text = new StringBuilder();
        for (var i = first; i <= last && i <= lines.Length; i++)
        {
            text.Append(i.ToString(CultureInfo.InvariantCulture).PadLeft(6)).Append('\t').Append(lines[i - 1]).Append('\n');
        }

        return text.ToString();
    }

    private static string[] SplitLines(string text) =>
        text.Length == 0 ? [] : (text.EndsWith('\n') ? text[..^1] : text).Split('\n');

    private static List<int> Occurrences(string text, string value)
    {
        var found = new List<int>();
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            found.Add(i);
        }

        return found;
    }

    private static int LineOf(string text, int index) => 1 + text.AsSpan(0, index).Count('\n');

    private static IEnumerable<string> Listing(string full, string shown)
    {
        var entries = new List<string>();
        void Walk(string folder, string prefix, int depth)
        {
            foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos().Where(e => !e.Name.StartsWith('.')).OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                var isFolder = entry is DirectoryInfo;
                entries.Add($"{prefix}{entry.Name}{(isFolder ? "/" : "")}");
                if (isFolder && depth < 2 && entry.LinkTarget is null)
                {
                    Walk(entry.FullName, $"{prefix}{entry.Name}/", depth + 1);
                }
            }
        }

        Walk(full, shown == "." ? "" : $"{shown.TrimEnd('/')}/", 1);
        return entries;
    }
}
