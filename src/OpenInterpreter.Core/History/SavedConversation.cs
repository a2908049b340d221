namespace OpenInterpreter.Core.History;

/// <summary>A conversation file in the conversations folder: where it is, its title in words, and when it was last saved.</summary>
public sealed record SavedConversation(string Path, string Title, DateTime Saved);
