using System.CommandLine;
using OpenInterpreter.Core;
using OpenInterpreter.Core.Settings;

namespace OpenInterpreter.Cli.CommandLine;

/// <summary>Reads a parsed command line into an <see cref="Invocation"/>, checking values that depend on each other.</summary>
internal static class InvocationReader
{
    /// <summary>The time-out of one run under <c>--stdin</c>, where nobody is there to press Ctrl-C.</summary>
    public static readonly TimeSpan StdinRunTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The model <c>--os</c> uses unless one is named: a vision model trained for computer use.</summary>
    public const string OsModel = "claude-sonnet-4-5";

    public static Invocation Read(ParseResult parsed, CliOptions options)
    {
        if (parsed.Errors.Count > 0)
        {
            throw new UsageException(parsed.Errors[0].Message);
        }

        // The message words take any token, so an option we do not know would pass as a word; "--" lets one through.
        var words = parsed.GetValue(options.Words) ?? [];
        if (!parsed.Tokens.Any(t => t.Value == "--") && words.FirstOrDefault(w => w.Length > 1 && w[0] == '-') is { } unknown)
        {
            throw new UsageException($"Unrecognized option '{unknown}'.");
        }

        var maxTokens = parsed.GetValue(options.MaxTokens);
        var contextWindow = parsed.GetValue(options.ContextWindow);
        if (maxTokens is <= 0)
        {
            throw new UsageException($"--max_tokens must be positive, not {maxTokens}.");
        }

        if (contextWindow is { } window && maxTokens is { } tokens && window <= tokens)
        {
            throw new UsageException(
                $"--context_window ({window}) must be larger than --max_tokens ({tokens}).",
                "Raise --context_window or lower --max_tokens.");
        }

        var maxOutput = parsed.GetValue(options.MaxOutput) ?? 2800;
        if (maxOutput < 100)
        {
            throw new UsageException($"--max_output must be at least 100 characters, not {maxOutput}.");
        }

        // Null leaves the choice to the settings below the command line (a profile, else the default set).
        IReadOnlyList<string>? tools = null;
        if (parsed.GetValue(options.Tools) is { } toolList)
        {
            try
            {
                tools = Core.Tools.ToolNames.Parse(toolList);
            }
            catch (InterpreterException e)
            {
                throw new UsageException($"--tools: {e.Message}");
            }
        }

        var os = parsed.GetValue(options.Os);
        if (os && tools?.Contains(Core.Tools.ToolNames.Gui) != true)
        {
            // OS mode is the gui tool with the usual ones beside it, as OI's os profile.
            tools = [.. tools ?? Core.Tools.ToolNames.Default, Core.Tools.ToolNames.Gui];
        }

        var forceFunctions = parsed.GetValue(options.SupportsFunctions);
        var forbidFunctions = parsed.GetValue(options.NoSupportsFunctions);
        if (forceFunctions && forbidFunctions)
        {
            throw new UsageException("--llm_supports_functions and --no-llm_supports_functions contradict each other.");
        }

        var apiKey = parsed.GetValue(options.ApiKey);
        var readStdin = parsed.GetValue(options.Stdin);
        var defaults = new ModelSettings();
        var settings = new InterpreterSettings
        {
            Llm = defaults with
            {
                Model = parsed.GetValue(options.Model) ?? (os ? OsModel : defaults.Model),
                ApiBase = parsed.GetValue(options.ApiBase),
                ApiVersion = parsed.GetValue(options.ApiVersion),
                SupportsFunctions = !forbidFunctions,
                ApiKey = apiKey,
                ApiKeySource = apiKey is null ? null : "--api_key",
                Temperature = parsed.GetValue(options.Temperature) ?? defaults.Temperature,
                MaxTokens = maxTokens,
                ContextWindow = contextWindow,
            },
            AutoRun = parsed.GetValue(options.AutoRun),
            Verbose = parsed.GetValue(options.Verbose),
            SystemMessage = parsed.GetValue(options.SystemMessage),
            CustomInstructions = parsed.GetValue(options.CustomInstructions),
            MaxOutput = maxOutput,
            Tools = tools,
            RunTimeout = readStdin ? StdinRunTimeout : null,
        };

        return new Invocation(
            settings,
            words.Length > 0 ? string.Join(' ', words) : null,
            readStdin,
            parsed.GetValue(options.Plain),
            parsed.GetValue(options.Local),
            forceFunctions,
            parsed.GetValue(options.Version));
    }
}
