using System.CommandLine;
using System.CommandLine.Parsing;

namespace OpenInterpreter.Cli.CommandLine;

/// <summary>
/// The one line shown for a command line that does not parse. A value of the wrong kind names the option, the value
/// and what is expected (<c>--max_tokens must be a whole number, not 'abc'.</c>) instead of System.CommandLine's
/// .NET type names; any option declared with a typed value gets this, including ones added later.
/// </summary>
internal static class ParseErrorText
{
    /// <summary>The line for <paramref name="error"/>, and whether it is about a value (shown alone, without the usage line).</summary>
    public static (string Text, bool BadValue) For(ParseError error)
    {
        var option = error.SymbolResult switch
        {
            OptionResult result => result,
            ArgumentResult { Parent: OptionResult result } => result,
            _ => null,
        };
        if (option is null)
        {
            return (error.Message, false);
        }

        var name = option.Option.Name;
        var expected = Expected(option.Option.ValueType);
        var value = option.Tokens.Count > 0 ? option.Tokens[^1].Value : null;
        return (value is null ? $"{name} needs {Kind(option.Option.ValueType)}." : $"{name} must be {expected}, not '{value}'.", true);
    }

    /// <summary>
    /// The line for an option whose value is another option (<c>-m --version</c>): System.CommandLine takes the option
    /// as the value, which would run with a model called "--version"; null when there is none.
    /// </summary>
    public static string? ValueThatIsAnOption(ParseResult parsed)
    {
        var aliases = parsed.CommandResult.Command.Options.SelectMany(o => o.Aliases.Append(o.Name)).ToHashSet(StringComparer.Ordinal);
        foreach (var option in parsed.CommandResult.Children.OfType<OptionResult>())
        {
            if (option.Option.ValueType != typeof(bool) && option.Option.Arity.MinimumNumberOfValues > 0 && option.Tokens.FirstOrDefault(t => aliases.Contains(t.Value)) is { } token)
            {
                return $"{option.Option.Name} needs {Kind(option.Option.ValueType)}, not the option {token.Value}.";
            }
        }

        return null;
    }

    /// <summary>"a value", or "a value (a whole number)" where the kind says more.</summary>
    private static string Kind(Type type) => Expected(type) is "a value" ? "a value" : $"a value ({Expected(type)})";

    private static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(int) || type == typeof(long) ? "a whole number"
            : type == typeof(double) || type == typeof(float) || type == typeof(decimal) ? "a number"
            : type == typeof(bool) ? "true or false"
            : "a value";
    }
}
