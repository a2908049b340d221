using Spectre.Console;

namespace OpenInterpreter.Cli.Terminal;

/// <summary>A piece of a program's output in one style: its own colours, read from its escape sequences.</summary>
internal readonly record struct StyledRun(string Text, Style Style);
