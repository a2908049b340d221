namespace OpenInterpreter.Core.Languages;

/// <summary>A persistent ruby process: local variables, methods, classes and requires live on between runs.</summary>
public sealed class RubySession : DriverSession
{
    internal static readonly DriverProgram Program = new(
        Runtime: "ruby",
        RuntimeArguments: [],
        DriverResource: "ruby_driver.rb",
        CellExtension: null,
        // The host decodes UTF-8 whatever the locale says.
        Environment: new Dictionary<string, string> { ["RUBYOPT"] = "-EUTF-8" },
        InstallHint: OperatingSystem.IsMacOS() ? "brew install ruby" : "apt install ruby");

    /// <summary>Creates a session; its process starts on the first run.</summary>
    public RubySession(SessionOptions? options = null)
        : base(Info, Program, options)
    {
    }

    /// <summary>Ruby: answers to ruby and rb.</summary>
    public static LanguageInfo Info { get; } = new("ruby", ["rb"], "rb");
}
