using OpenInterpreter.Testing;

namespace OpenInterpreter.Cli.Tests.EndToEnd;

/// <summary>Starts the interpreter against a fake model server with the usual test flags.</summary>
internal static class Session
{
    public const string TestKey = "sk-test-0123456789abcdefghij";

    public static InterpreterProcess Start(FakeModelServer server, params string[] extra) =>
        InterpreterProcess.Start(["--api_base", server.BaseUrl, "--api_key", TestKey, "--model", "gpt-4o", .. extra]);

    /// <summary>Starts the interpreter with <paramref name="environment"/> added to its environment.</summary>
    public static InterpreterProcess Start(FakeModelServer server, string[] extra, IDictionary<string, string> environment) =>
        InterpreterProcess.Start(["--api_base", server.BaseUrl, "--api_key", TestKey, "--model", "gpt-4o", .. extra], environment: environment);

    /// <summary>Starts the interpreter with <paramref name="home"/> as its home, kept between runs.</summary>
    public static InterpreterProcess StartAt(string home, FakeModelServer server, params string[] extra) =>
        InterpreterProcess.Start(["--api_base", server.BaseUrl, "--api_key", TestKey, "--model", "gpt-4o", .. extra], home: home);

    public static InterpreterProcess StartIn(string workingDirectory, FakeModelServer server, params string[] extra) =>
        InterpreterProcess.Start(["--api_base", server.BaseUrl, "--api_key", TestKey, "--model", "gpt-4o", .. extra], workingDirectory);
}
