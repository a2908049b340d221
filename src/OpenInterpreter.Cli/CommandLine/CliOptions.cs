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
    public Option<int?> MaxTurns { get; } = Value<int?>("max_turns", "Most model requests one message may lead to; then the turn stops (exit 1)");
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
            ContextWindow, SystemMessage, CustomInstructions, MaxOutput, Timeout, Tools, Os, Stdin, Plain, Verbose, Version, Profile, Fast,
            SaveProfile, Profiles, ResetProfile, Conversations, Continue,
            MaxTurns, Json, Server, Host, Port, Mcp,
            Words,
        };

        // The built-in --version prints the informational version with a commit hash; ours is plain.
        foreach (var option in root.Options.Where(o => o is VersionOption).ToList())
        {
            root.Options.Remove(option);
        }

        return root;
    }

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
