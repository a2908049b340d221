using OpenInterpreter.Cli.Tests.EndToEnd;
using OpenInterpreter.Testing;

namespace OpenInterpreter.Cli.Tests.Faults;

/// <summary>Starts the interpreter against the fake server speaking one provider's wire format.</summary>
internal static class Providers
{
    public const string AnthropicKey = "sk-ant-test-0123456789abcdef";

    /// <summary>The provider names the theories run over, and the name each uses in its messages.</summary>
    public static Xunit.TheoryData<string, string> All => new() { { "openai", "OpenAI" }, { "anthropic", "Anthropic" }, { "ollama", "Ollama" } };

    public static InterpreterProcess Start(string provider, FakeModelServer server, params string[] extra) => provider switch
    {
        "openai" => InterpreterProcess.Start(["--api_base", server.BaseUrl, "--api_key", Session.TestKey, "--model", "gpt-4o", .. extra]),
        "anthropic" => InterpreterProcess.Start(
            ["--model", "claude-3-5-sonnet-latest", "--api_base", server.RootUrl, .. extra],
            environment: new Dictionary<string, string> { ["ANTHROPIC_API_KEY"] = AnthropicKey }),
        "ollama" => InterpreterProcess.Start(["--model", "ollama/llama3.1", "--api_base", server.RootUrl, .. extra]),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    /// <summary>The chat requests only (not Ollama's <c>/api/show</c> and <c>/api/tags</c>).</summary>
    public static IReadOnlyList<RecordedRequest> Chats(FakeModelServer server) =>
        server.Requests.Where(r => r.Method == "POST" && !r.Path.EndsWith("/api/show", StringComparison.Ordinal)).ToList();
}
