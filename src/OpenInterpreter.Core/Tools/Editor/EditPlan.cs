namespace OpenInterpreter.Core.Tools.Editor;

/// <summary>
/// A change worked out but not yet written, so it can be shown as a diff and confirmed first: the file, its text
/// before (null when it does not exist yet) and after (null when the change deletes it), and what the model is told.
/// </summary>
public sealed record EditPlan(
    EditorCommand Command,
    string FullPath,
    string DisplayPath,
    string? Before,
    string? After,
    string ResultText);
