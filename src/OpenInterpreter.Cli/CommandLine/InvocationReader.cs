using System.Collections;
using System.CommandLine;
using System.Globalization;
using OpenInterpreter.Core;
using OpenInterpreter.Core.Settings;
using ToolNames = OpenInterpreter.Core.Tools.ToolNames;

namespace OpenInterpreter.Cli.CommandLine;

/// <summary>
/// Reads a parsed command line into an <see cref="Invocation"/>: its flags become the top settings layer over the
/// environment, <c>--profile</c> (and <c>--fast</c>), <c>default.yaml</c> and the built-in defaults.
/// </summary>
internal static class InvocationReader
{
    /// <summary>The time-out of one run under <c>--stdin</c>, where nobody is there to press Ctrl-C.</summary>
    public static readonly TimeSpan StdinRunTimeout = TimeSpan.FromSeconds(120);

    public static Invocation Read(ParseResult parsed, CliOptions options, ProfileStore profiles, IDictionary environment)
    {
        if (parsed.Errors.Count > 0)
        {
            var (text, badValue) = ParseErrorText.For(parsed.Errors[0]);
            throw new UsageException(text) { ShowUsage = !badValue };
        }

        if (ParseErrorText.ValueThatIsAnOption(parsed) is { } missing)
        {
            throw new UsageException(missing) { ShowUsage = false };
        }

        // The message words take any token, so an option we do not know would pass as a word; "--" lets one through.
        var words = parsed.GetValue(options.Words) ?? [];
        if (!parsed.Tokens.Any(t => t.Value == "--") && words.FirstOrDefault(w => w.Length > 1 && w[0] == '-') is { } unknown)
        {
            throw new UsageException($"Unrecognized option '{unknown}'.");
        }

        FrontEndFlags.Check(parsed, options);
        var maxTokens = parsed.GetValue(options.MaxTokens);
        var contextWindow = parsed.GetValue(options.ContextWindow);
        if (maxTokens is <= 0)
        {
            throw new UsageException($"--max_tokens must be a whole number of at least 1, not '{maxTokens}'.") { ShowUsage = false };
        }

        if (contextWindow is { } window && maxTokens is { } tokens && window <= tokens)
        {
            throw new UsageException(
                $"--context_window ({window}) must be larger than --max_tokens ({tokens}).",
                "Raise --context_window or lower --max_tokens.");
        }

        if (parsed.GetValue(options.SupportsFunctions) && parsed.GetValue(options.NoSupportsFunctions))
        {
            throw new UsageException("--llm_supports_functions and --no-llm_supports_functions contradict each other.");
        }

        if (parsed.GetValue(options.SupportsVision) && parsed.GetValue(options.NoSupportsVision))
        {
            throw new UsageException("--llm_supports_vision and --no-llm_supports_vision contradict each other.");
        }

        // --profiles and --reset_profile must work when a profile is broken: they load none.
        var resetProfile = parsed.GetResult(options.ResetProfile) is null ? null : parsed.GetValue(options.ResetProfile) ?? ProfileStore.DefaultName;
        var showProfiles = parsed.GetValue(options.Profiles);
        var layers = new List<SettingsLayer>();
        if (resetProfile is null && !showProfiles)
        {
            layers.Add(profiles.LoadDefault());
        }

        if (parsed.GetValue(options.Fast))
        {
            layers.Add(profiles.Load("fast"));
        }

        if (parsed.GetValue(options.Vision))
        {
            layers.Add(profiles.Load("vision"));
        }

        // --os is OI's os profile: the gui tool beside the usual ones, a vision model trained for computer use.
        var os = parsed.GetValue(options.Os);
        if (os)
        {
            layers.Add(profiles.Load("os"));
        }

        layers.AddRange(ProfileFlags.Layers(parsed, options, profiles));

        if (parsed.GetValue(options.Profile) is { } profile)
        {
            layers.Add(profiles.Load(profile));
        }

        layers.Add(EnvironmentLayer.Read(environment));
        layers.Add(FlagsLayer(parsed, options, ToolsFlag(parsed, options, os)));
        var loaded = SettingsLoader.Apply(layers);

        // `os: true` in a profile is OS mode exactly as --os is: the os profile goes in where --os puts it. Not under
        // --mcp, which offers no model the screen (that `os` is ignored is warned about below).
        var mcp = parsed.GetValue(options.Mcp);
        if (loaded.Settings.Os && !os && !mcp)
        {
            layers.Insert(resetProfile is null && !showProfiles ? 1 : 0, profiles.Load("os"));
            loaded = SettingsLoader.Apply(layers);
        }

        var readStdin = parsed.GetValue(options.Stdin);
        var settings = loaded.Settings with { RunTimeout = loaded.Settings.RunTimeout ?? (readStdin ? StdinRunTimeout : null) };
        return new Invocation(
            settings,
            words.Length > 0 ? string.Join(' ', words) : null,
            readStdin,
            parsed.GetValue(options.Plain),
            parsed.GetValue(options.Local),
            parsed.GetValue(options.SupportsFunctions),
            parsed.GetValue(options.Version))
        {
            Warnings = FrontEndFlags.Chosen(parsed, options) is { } frontEnd ? [.. loaded.Warnings, .. FrontEndSettings.Warnings(frontEnd.Name, layers, loaded.Settings)] : loaded.Warnings,
            SaveProfile = parsed.GetValue(options.SaveProfile),
            KeyOnCommandLine = parsed.GetValue(options.ApiKey) is not null,
            ResetProfile = resetProfile,
            ShowProfiles = showProfiles,
            PickConversation = parsed.GetValue(options.Conversations),
            ContinueLatest = parsed.GetValue(options.Continue),
            TimeoutSetting = loaded.Settings.RunTimeout,
            ShowLocalModels = parsed.GetValue(options.LocalModels),
            Notices = ProfileFlags.Notices(parsed, options),
            Json = parsed.GetValue(options.Json),
            Server = parsed.GetValue(options.Server),
            Host = parsed.GetValue(options.Host),
            Port = parsed.GetValue(options.Port),
            Mcp = mcp,
        };
    }

    /// <summary>The tools named by <c>--tools</c>, checked, with <c>gui</c> added under <c>--os</c>; null when not given.</summary>
    private static IReadOnlyList<string>? ToolsFlag(ParseResult parsed, CliOptions options, bool os)
    {
        if (parsed.GetValue(options.Tools) is not { } list)
        {
            return null;
        }

        IReadOnlyList<string> tools;
        try
        {
            tools = ToolNames.Parse(list);
        }
        catch (InterpreterException e)
        {
            throw new UsageException($"--tools: {e.Message}");
        }

        return os && !tools.Contains(ToolNames.Gui) ? [.. tools, ToolNames.Gui] : tools;
    }

    /// <summary>The settings given as flags, as profile keys, so they apply the same way as a profile's.</summary>
    private static SettingsLayer FlagsLayer(ParseResult parsed, CliOptions options, IReadOnlyList<string>? tools)
    {
        var entries = new List<KeyValuePair<string, SettingValue>>();
        void Add<T>(Option<T> option, string key, Func<T, string?> text)
        {
            if (parsed.GetResult(option) is not null && parsed.GetValue(option) is { } value && text(value) is { } written)
            {
                entries.Add(new(key, SettingValue.Of(written, option.Name)));
            }
        }

        static string Number(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);
        Add(options.Model, "llm.model", v => v);
        Add(options.ApiBase, "llm.api_base", v => v);
        Add(options.ApiKey, SettingKeys.ApiKey, v => v);
        Add(options.Temperature, "llm.temperature", v => v is { } t ? Number(t) : null);
        Add(options.MaxTokens, "llm.max_tokens", v => v is { } t ? Number(t) : null);
        Add(options.ContextWindow, "llm.context_window", v => v is { } t ? Number(t) : null);
        Add(options.SystemMessage, "system_message", v => v);
        Add(options.CustomInstructions, "custom_instructions", v => v);
        Add(options.MaxOutput, "max_output", v => v is { } t ? Number(t) : null);
        Add(options.Timeout, "timeout", v => v is { } t ? Number(t) : null);
        Add(options.IdleTimeout, "llm.idle_timeout", v => v is { } t ? Number(t) : null);
        Add(options.FirstTokenTimeout, "llm.first_token_timeout", v => v is { } t ? Number(t) : null);
        Add(options.MaxTurns, "max_turns", v => v is { } t ? Number(t) : null);
        Add(options.AutoRun, "auto_run", v => v ? "true" : null);
        Add(options.Verbose, "verbose", v => v ? "true" : null);
        Add(options.ApiVersion, "llm.api_version", v => v);
        Add(options.SupportsFunctions, "llm.supports_functions", v => v ? "true" : null);
        Add(options.NoSupportsFunctions, "llm.supports_functions", v => v ? "false" : null);
        Add(options.SafeMode, "safe_mode", v => v);
        Add(options.Sandbox, "sandbox", v => v);
        Add(options.SandboxNetwork, "sandbox_network", v => v ? "true" : null);
        Add(options.MaxBudget, "max_budget", v => v is { } t ? Number(t) : null);
        Add(options.SupportsVision, "llm.supports_vision", v => v ? "true" : null);
        Add(options.NoSupportsVision, "llm.supports_vision", v => v ? "false" : null);
        Add(options.Loop, "loop", v => v ? "true" : null);
        Add(options.NoHighlightActiveLine, "highlight_active_line", v => v ? "false" : null);
        Add(options.MultiLine, "multi_line", v => v ? "true" : null);
        Add(options.SpeakMessages, "speak_messages", v => v ? "true" : null);
        Add(options.Debug, "debug", v => v ? "true" : null);
        Add(options.Offline, "offline", v => v ? "true" : null);
        if (tools is not null)
        {
            entries.Add(new("tools", SettingValue.List(tools, options.Tools.Name)));
        }

        return new SettingsLayer("the command line", entries);
    }
}
