namespace OpenInterpreter.Core.Safety;

/// <summary>
/// One simple command read from shell code: its words with quotes removed (variables kept as written, <c>$HOME</c>),
/// the files it redirects output to, where it sits in its pipeline, and the variable assignments before it
/// (<c>X=~</c>; a command of assignments alone has no words); and the function whose body it is in, if any
/// (<c>f() { cd ~; }</c>: <c>cd ~</c> runs when <c>f</c> is called).
/// </summary>
public sealed record ShellCommand(IReadOnlyList<string> Words, IReadOnlyList<string> OutputRedirects, int PipelineIndex, int Stage, IReadOnlyList<string>? Assignments = null, string? Function = null)
{
    /// <summary>The command's name (its first word), or an empty string for a command of redirections alone.</summary>
    public string Name => Words.Count > 0 ? Words[0] : "";

    /// <summary>The words after the name.</summary>
    public IEnumerable<string> Arguments => Words.Skip(1);

    /// <summary>The command as one line, for rule matching and reasons.</summary>
    public string Text => string.Join(' ', Words);
}
