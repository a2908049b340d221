using System.CommandLine;

namespace OpenInterpreter.Cli.CommandLine;

/// <summary>
/// Flags that only one front end acts on, refused with one line where they would otherwise be taken and ignored:
/// <c>--host</c>/<c>--port</c> without <c>--server</c>, picking a conversation under <c>--json</c>, <c>--server</c> or
/// <c>--mcp</c>, and <c>--local</c> under <c>--mcp</c> (which calls no model).
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

        var frontEnd = parsed.GetValue(options.Mcp) ? options.Mcp : parsed.GetValue(options.Server) ? options.Server : parsed.GetValue(options.Json) ? options.Json : null;
        if (frontEnd is null)
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

        if (frontEnd == options.Mcp && parsed.GetValue(options.Local))
        {
            throw new UsageException("--local chooses a model, and --mcp calls none: it serves the tools to another program's model.", "Leave out --local.") { ShowUsage = false };
        }
    }
}
