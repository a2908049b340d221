using OpenInterpreter.Core.Tools;

namespace OpenInterpreter.Core.TextMode;

/// <summary>A piece of a model's text as <see cref="CodeBlockParser"/> reads it: prose, or part of a code block.</summary>
public abstract record TextSegment;

/// <summary>Prose to show as the message.</summary>
public sealed record ProseText(string Text) : TextSegment;

/// <summary>A code block opened with this language.</summary>
public sealed record CodeOpened(string Language) : TextSegment;

/// <summary>The next characters of the open code block.</summary>
public sealed record CodeText(string Text) : TextSegment;

/// <summary>The code block is complete.</summary>
public sealed record CodeClosed(CodeRequest Block) : TextSegment;
