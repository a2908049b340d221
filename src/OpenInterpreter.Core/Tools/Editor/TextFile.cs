using System.Text;

namespace OpenInterpreter.Core.Tools.Editor;

/// <summary>Reads files the editor may work on (text, not too large) and writes them atomically, keeping their mode.</summary>
public static class TextFile
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The file's text; refuses binary files, files that are not UTF-8 and files over <paramref name="maxBytes"/>.</summary>
    public static string Read(string fullPath, string displayPath, long maxBytes)
    {
        var info = new FileInfo(fullPath);
        if (info.Length > maxBytes)
        {
            throw new EditorRefusal(
                $"{displayPath} is {info.Length:N0} bytes, over the editor's limit of {maxBytes:N0} bytes; " +
                "inspect or change it with code instead (head, sed, a script).");
        }

        var bytes = File.ReadAllBytes(fullPath);
        if (Array.IndexOf(bytes, (byte)0) >= 0)
        {
            throw new EditorRefusal($"{displayPath} is a binary file; the editor works on text files only.");
        }

        try
        {
            var text = StrictUtf8.GetString(bytes);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException)
        {
            throw new EditorRefusal($"{displayPath} is not UTF-8 text (a binary file or another encoding); the editor works on UTF-8 text only.");
        }
    }

    /// <summary>
    /// Replaces the file's content through a temporary file in the same folder and a rename, so a reader never sees a
    /// half-written file; an existing file keeps its permissions, and a symbolic link keeps pointing at the new text.
    /// </summary>
    public static void WriteAtomically(string fullPath, string text)
    {
        var target = File.Exists(fullPath) && new FileInfo(fullPath).ResolveLinkTarget(returnFinalTarget: true) is { } link
            ? link.FullName
            : fullPath;
        var folder = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temp, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            if (!OperatingSystem.IsWindows() && File.Exists(target))
            {
                File.SetUnixFileMode(temp, File.GetUnixFileMode(target));
            }

            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
