using System.CommandLine;

namespace OpenInterpreter.Cli.CommandLine;

/// <summary>
/// Flags that only some front ends act on, refused with one line where they would otherwise be taken and ignored:
/// <c>--host</c>/<c>--port</c> without <c>--server</c>; picking a conversation, and the terminal's display flags
/// (<c>--speak_messages</c>, <c>--no_highlight_active_line</c>, <c>--multi_line</c>), under <c>--json</c>,
/// <c>--server</c> or <c>--mcp</c>; a message under <c>--server</c> or <c>--mcp</c>; and under <c>--mcp</c>, which
/// calls no model, the flags for the model and the tools it is offered.
/// </summary>
internal static class FrontEndFlags
{
    public static void Check(ParseResult parsed, CliOptions options)
    {
        if (!parsed.GetValue(options.Server))
        {
            foreach (var option in new Option[] { options.Host, options.Port })
            {
                if (parsed.GetResult(option) is not null)
                {
                    throw new UsageException($"{option.Name} sets where --server listens; without --server it would do nothing.", $"Add --server, or leave out {option.Name}.") { ShowUsage = false };
                }
            }
        }

        if (Chosen(parsed, options) is not { } frontEnd)
        {
            return;
        }

        foreach (var option in new Option<bool>[] { options.Conversations, options.Continue })
        {
            if (parsed.GetValue(option))
            {
                throw new UsageException($"{option.Name} continues a conversation at the terminal or under --stdin; {frontEnd.Name} starts a new one.", $"Leave out {option.Name}, or {frontEnd.Name}.") { ShowUsage = false };
            }
        }

        if (frontEnd != options.Json && (parsed.GetValue(options.Stdin) || parsed.GetValue(options.Words) is { Length: > 0 }))
        {
            var given = parsed.GetValue(options.Stdin) ? "--stdin is" : "The words of the command line are";
            var takes = frontEnd == options.Mcp ? "its calls from its client" : "its messages from its clients";
            throw new UsageException($"{given} one message to answer, and {frontEnd.Name} takes {takes}.", "Leave that out, or use --json to answer one message.") { ShowUsage = false };
        }

        foreach (var (option, key) in new (Option<bool>, string)[] { (options.SpeakMessages, "speak_messages"), (options.NoHighlightActiveLine, "highlight_active_line"), (options.MultiLine, "multi_line") })
        {
            if (parsed.GetValue(option))
            {
                var terminal = FrontEndSettings.TerminalOnly.Single(t => t.Key == key);
                throw new UsageException($"{terminal.Sentence(option.Name, frontEnd.Name)}.", $"Leave out {option.Name}.") { ShowUsage = false };
            }
        }

        if (frontEnd == options.Mcp)
        {
            CheckMcp(parsed, options);
        }
    }

    /// <summary>The front end other than the terminal that the command line asks for (<c>--mcp</c> first, as it is run first); null for the terminal.</summary>
    public static Option<bool>? Chosen(ParseResult parsed, CliOptions options) =>
        parsed.GetValue(options.Mcp) ? options.Mcp : parsed.GetValue(options.Server) ? options.Server : parsed.GetValue(options.Json) ? options.Json : null;

    /// <summary>
    /// <c>--mcp</c> acts on what its tools use (auto-run, safety, sandbox, languages, output and run limits); the flags for
    /// the model this program calls, and the tools it offers that model, are refused.
    /// </summary>
    private static void CheckMcp(ParseResult parsed, CliOptions options)
    {
        var choosesModel = new Option[] { options.Local, options.Model, options.Fast, options.Vision, options.Codestral, options.Assistant, options.Llama3, options.Groq };
        var showsRequests = new Option[] { options.Verbose, options.Debug };
        var forModel = new Option[]
        {
            options.ApiBase, options.ApiKey, options.ApiVersion, options.Temperature, options.MaxTokens, options.ContextWindow,
            options.SupportsFunctions, options.NoSupportsFunctions, options.SupportsVision, options.NoSupportsVision,
            options.IdleTimeout, options.FirstTokenTimeout, options.SystemMessage, options.CustomInstructions, options.MaxTurns,
            options.MaxBudget, options.Loop,
        };
        foreach (var option in choosesModel.Concat(showsRequests).Concat(forModel))
        {
            if (Given(parsed, option))
            {
                var what = choosesModel.Contains(option) ? "chooses a model" : showsRequests.Contains(option) ? "shows the requests to the model" : "is for the model this program calls";
                throw new UsageException($"{option.Name} {what}, and {FrontEndSettings.McpCallsNoModel}.", $"Leave out {option.Name}.") { ShowUsage = false };
            }
        }

        if (Given(parsed, options.Tools))
        {
            throw new UsageException($"--tools chooses the tools offered to this program's model, and {FrontEndSettings.McpServes}.", "Leave out --tools.") { ShowUsage = false };
        }

        if (Given(parsed, options.Os))
        {
            throw new UsageException($"--os gives this program's model the screen, mouse and keyboard, and {FrontEndSettings.McpServes}.", "Leave out --os.") { ShowUsage = false };
        }
    }

    /// <summary>Whether <paramref name="option"/> is on the command line (a flag given as true, or a value).</summary>
    private static bool Given(ParseResult parsed, Option option) =>
        option is Option<bool> flag ? parsed.GetValue(flag) : parsed.GetResult(option) is not null;
}
