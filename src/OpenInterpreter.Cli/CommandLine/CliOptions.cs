using System.CommandLine;

namespace OpenInterpreter.Cli.CommandLine;

/// <summary>
/// The options of the <c>interpreter</c> command (SPEC section 1). Every long option answers to both its
/// <c>_</c> and its <c>-</c> spelling, as in the original.
/// </summary>
internal sealed class CliOptions
{
    public Option<bool> AutoRun { get; } = Flag("auto_run", "Run code without asking", "-y");
    public Option<string?> Model { get; } = Value<string?>("model", "Model name, litellm style: gpt-4o, claude-3-5-sonnet-latest, ollama/llama3.1, lmstudio/<name>, a .gguf path", "-m");
    public Option<string?> ApiBase { get; } = Value<string?>("api_base", "The provider's base URL (OpenAI-compatible servers, proxies)", "-ab");
    public Option<string?> ApiVersion { get; } = Value<string?>("api_version", "Azure OpenAI's api-version (else AZURE_API_VERSION)", "-av");
    public Option<bool> Local { get; } = Flag("local", "Use a local model: Ollama, LM Studio, Jan or llama.cpp server, whichever runs", "-l");
    public Option<bool> SupportsFunctions { get; } = Flag("llm_supports_functions", "Force tool calling on", "-lsf");
    public Option<bool> NoSupportsFunctions { get; } = Flag("no-llm_supports_functions", "Force tool calling off: the model writes code blocks in its text");
    public Option<string?> ApiKey { get; } = Value<string?>("api_key", "The provider's key (else OPENAI_API_KEY, ANTHROPIC_API_KEY, … as the provider has it)", "-ak");
    public Option<double?> Temperature { get; } = Value<double?>("temperature", "Sampling temperature (default 0)", "-t");
    public Option<int?> MaxTokens { get; } = Value<int?>("max_tokens", "Most tokens the model may write per reply", "-x");
    public Option<int?> ContextWindow { get; } = Value<int?>("context_window", "The model's context size; larger than --max_tokens", "-cw");
    public Option<string?> SystemMessage { get; } = Value<string?>("system_message", "Replace the system message", "-sm");
    public Option<string?> CustomInstructions { get; } = Value<string?>("custom_instructions", "Add to the system message", "-ci");
    public Option<int?> MaxOutput { get; } = Value<int?>("max_output", "Characters of one code output that go back to the model (default 2800)", "-xo");
    public Option<double?> Timeout { get; } = Value<double?>("timeout", "Stop a run of code after this many seconds; 0 for no limit (default none, 120 under --stdin)");
    public Option<double?> IdleTimeout { get; } = Value<double?>("idle_timeout", "Give up a streamed reply after this many seconds without a chunk; 0 for no limit (default 120)");
    public Option<double?> FirstTokenTimeout { get; } = Value<double?>("first_token_timeout", "Give up a reply whose first chunk takes longer than this many seconds; 0 for no limit (default 600)");
    public Option<int?> MaxTurns { get; } = Value<int?>("max_turns", "Most model requests (rounds of tool calls) in one turn (default 100)");
    public Option<string?> Tools { get; } = Value<string?>("tools", "Tools offered to the model, comma-separated: interpreter, editor, gui (default interpreter,editor)");
    public Option<bool> Os { get; } = Flag("os", "OS mode: the model sees the screen and drives mouse and keyboard (adds the gui tool)", "-os");
    public Option<bool> Stdin { get; } = Flag("stdin", "Read all of standard input as one message, answer it, exit", "-s");
    public Option<bool> Plain { get; } = Flag("plain", "No colours and no live rendering; code as fenced blocks", "-pl");
    public Option<bool> Verbose { get; } = Flag("verbose", "Show requests, raw chunks and timings (keys masked)", "-v");
    public Option<bool> Version { get; } = Flag("version", "Print the version and exit");
    public Option<string?> Profile { get; } = Value<string?>("profile", "Load a profile: a path, or a name in the profiles folder (.yaml may be left out)", "-p");
    public Option<bool> Fast { get; } = Flag("fast", "Load the built-in fast profile: gpt-3.5-turbo, short answers", "-f");
    public Option<string?> SaveProfile { get; } = Value<string?>("save_profile", "Write the settings of this command line to profiles/NAME.yaml, then go on");
    public Option<bool> Profiles { get; } = Flag("profiles", "Print (and on a desktop open) the profiles folder, then exit");
    public Option<string?> ResetProfile { get; } = OptionalValue("reset_profile", "Put profile NAME (default: default) back to its built-in content, then exit");
    public Option<bool> Conversations { get; } = Flag("conversations", "Pick an earlier conversation and continue it");
    public Option<bool> Continue { get; } = Flag("continue", "Continue the latest conversation", "-c");
    public Option<string?> SafeMode { get; } = Value<string?>("safe_mode", "Check code for danger before it runs: off, ask (default) or auto (also sandboxes every run)", "-safe");
    public Option<string?> Sandbox { get; } = Value<string?>("sandbox", "Run language sessions in a sandbox: off, read-only or workspace-write");
    public Option<bool> SandboxNetwork { get; } = Flag("sandbox_network", "Let sandboxed sessions use the network");
    public Option<double?> MaxBudget { get; } = Value<double?>("max_budget", "Stop before the conversation spends more than this many US dollars", "-b");
    public Option<bool> Loop { get; } = Flag("loop", "Loop mode: after each answer tell the model to go on until it says the task is done, impossible, or needs you");
    public Option<bool> NoHighlightActiveLine { get; } = Flag("no_highlight_active_line", "Do not mark the line of code now running", "-nhl");
    public Option<bool> SupportsVision { get; } = Flag("llm_supports_vision", "The model accepts images (plots, screenshots)", "-lsv");
    public Option<bool> NoSupportsVision { get; } = Flag("no-llm_supports_vision", "The model does not accept images: it gets a note instead");
    public Option<bool> Vision { get; } = Flag("vision", "Load the built-in vision profile: a model that sees images", "-vi");
    public Option<bool> MultiLine { get; } = Flag("multi_line", "A line of ``` also opens and closes a multi-line message (\"\"\" always does)", "-ml");
    public Option<bool> SpeakMessages { get; } = Flag("speak_messages", "Read each answer aloud with say, espeak-ng or spd-say, whichever is installed", "-sp");
    public Option<bool> Debug { get; } = Flag("debug", "Everything --verbose shows, and every chunk of the conversation as JSON (also %debug)", "-debug");
    public Option<bool> DisableTelemetry { get; } = Flag("disable_telemetry", "Accepted for OI's users: this program sends no telemetry at all", "-dt");
    public Option<bool> ContributeConversation { get; } = Flag("contribute_conversation", "Accepted for OI's users: this program shares no conversations");
    public Option<bool> Offline { get; } = Flag("offline", "Nothing but the model's endpoint is contacted: an MCP server of the profile off this machine is refused", "-o");
    public Option<bool> LocalModels { get; } = Flag("local_models", "Print (and on a desktop open) the folder of local GGUF models, then exit");
    public Option<bool> Codestral { get; } = Flag("codestral", "Load the built-in codestral profile: Codestral on Ollama");
    public Option<bool> Assistant { get; } = Flag("assistant", "Load the built-in assistant profile: short spoken-style answers, runs code, loop mode");
    public Option<bool> Llama3 { get; } = Flag("llama3", "Load the built-in llama3 profile: Llama 3 on Ollama, code blocks in text");
    public Option<bool> Groq { get; } = Flag("groq", "Load the built-in groq profile: Llama 3.3 70B on Groq (GROQ_API_KEY)");
    public Option<bool> Json { get; } = Flag("json", "With --stdin or a message: every LMC chunk as one JSON line on stdout, then an outcome line");
    public Option<bool> Server { get; } = Flag("server", "Serve OI's HTTP and websocket API (INTERPRETER_HOST/INTERPRETER_PORT, default 127.0.0.1:8000)");
    public Option<string?> Host { get; } = Value<string?>("host", "The address --server listens on (else INTERPRETER_HOST, default 127.0.0.1)");
    public Option<int?> Port { get; } = Value<int?>("port", "The port --server listens on (else INTERPRETER_PORT, default 8000)");
    public Option<bool> Mcp { get; } = Flag("mcp", "Serve the execute and editor tools over MCP on stdin/stdout");
    public Argument<string[]> Words { get; } = new("message") { Description = "A first message; without one an interactive session starts", Arity = ArgumentArity.ZeroOrMore };

    public RootCommand CreateCommand()
    {
        var root = new RootCommand("Open Interpreter for .NET: a language model that runs code on your computer, with your permission.")
        {
            AutoRun, Model, ApiBase, ApiVersion, Local, SupportsFunctions, NoSupportsFunctions, ApiKey, Temperature, MaxTokens,
            ContextWindow, SystemMessage, CustomInstructions, MaxOutput, Timeout, IdleTimeout, FirstTokenTimeout, MaxTurns, Tools, Os, Stdin, Plain, Verbose, Version, Profile, Fast,
            SaveProfile, Profiles, ResetProfile, Conversations, Continue, SafeMode, Sandbox, SandboxNetwork, MaxBudget,
            Json, Server, Host, Port, Mcp, Words,
        };
        foreach (var option in OpenInterpreterFlags())
        {
            root.Options.Add(option);
        }

        // The built-in --version prints the informational version with a commit hash; ours is plain.
        foreach (var option in root.Options.Where(o => o is VersionOption).ToList())
        {
            root.Options.Remove(option);
        }

        return root;
    }

    /// <summary>
    /// How the command line is read: no POSIX bundling, so OI's multi-letter short options (<c>-ml</c>, <c>-lsv</c>,
    /// <c>-sp</c>, <c>-vi</c>, <c>-safe</c>, <c>-b</c>) are matched whole and an unknown one is an error, never
    /// <c>-m l</c> or <c>-l -s -v</c>; and no <c>@file</c> response files, so a message may start with <c>@</c>.
    /// </summary>
    public static ParserConfiguration Parsing { get; } = new() { EnablePosixBundling = false, ResponseFileTokenReplacer = null };

    /// <summary>The flags OI 0.4.3 has beyond SPEC's table.</summary>
    private IEnumerable<Option> OpenInterpreterFlags() =>
    [
        Loop, NoHighlightActiveLine, SupportsVision, NoSupportsVision, Vision, MultiLine, SpeakMessages, Debug, DisableTelemetry,
        ContributeConversation, Offline, LocalModels, Codestral, Assistant, Llama3, Groq,
    ];

    private static Option<bool> Flag(string name, string description, params string[] shortAliases) =>
        new($"--{name}", [.. Spellings(name), .. shortAliases]) { Description = description };

    private static Option<T> Value<T>(string name, string description, params string[] shortAliases) =>
        new($"--{name}", [.. Spellings(name), .. shortAliases]) { Description = description };

    private static Option<string?> OptionalValue(string name, string description) =>
        new($"--{name}", [.. Spellings(name)]) { Description = description, Arity = ArgumentArity.ZeroOrOne };

    /// <summary>The other spelling of a long option: <c>--max-tokens</c> for <c>--max_tokens</c>.</summary>
    private static IEnumerable<string> Spellings(string name) =>
        name.Contains('_') ? [$"--{name.Replace('_', '-')}"] : [];
}
