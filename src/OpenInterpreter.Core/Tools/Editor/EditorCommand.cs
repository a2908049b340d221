namespace OpenInterpreter.Core.Tools.Editor;

/// <summary>The commands of Anthropic's text-editor tool, which models are trained on.</summary>
public enum EditorCommand
{
    View,
    Create,
    StrReplace,
    Insert,
    UndoEdit,
}
