using System.CommandLine;
using OpenInterpreter.Core.Settings;

namespace OpenInterpreter.Cli.CommandLine;

/// <summary>
/// OI's shortcut flags for its built-in profiles (<c>--codestral</c>, <c>--assistant</c>, <c>--llama3</c>,
/// <c>--groq</c>) and the flags that are only accepted here, with the line that says what they mean.
/// </summary>
internal static class ProfileFlags
{
    /// <summary>The built-in profiles the flags ask for, in the order they apply (a later one wins).</summary>
    public static IEnumerable<SettingsLayer> Layers(ParseResult parsed, CliOptions options, ProfileStore profiles)
    {
        foreach (var (flag, profile) in new[] { (options.Codestral, "codestral"), (options.Assistant, "assistant"), (options.Llama3, "llama3"), (options.Groq, "groq") })
        {
            if (parsed.GetValue(flag))
            {
                yield return profiles.Load(profile);
            }
        }
    }

    /// <summary>One line for OI's telemetry and sharing flags, which have nothing to act on here.</summary>
    public static IReadOnlyList<string> Notices(ParseResult parsed, CliOptions options)
    {
        var given = new[] { options.DisableTelemetry, options.ContributeConversation }.Where(o => parsed.GetValue(o)).Select(o => o.Name).ToList();
        return given.Count == 0
            ? []
            : [$"{string.Join(" and ", given)}: this program sends no telemetry and shares nothing; only the model's endpoint is ever contacted."];
    }
}
