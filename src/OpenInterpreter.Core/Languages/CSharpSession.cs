namespace OpenInterpreter.Core.Languages;

/// <summary>A persistent C# scripting session (Roslyn) in a child process: variables, methods, types and usings live
/// on between runs, and a final expression's value is shown.</summary>
/// <remarks>Roslyn cannot stop a running loop, so an interrupt that the code does not end by itself kills the host
/// after the grace period, and the next run starts a fresh session and says state was lost.</remarks>
public sealed class CSharpSession : DriverSession
{
    /// <summary>Where the CLI's build puts the host (see src/OpenInterpreter.CSharpHost).</summary>
    internal static readonly string HostPath = Path.Combine(AppContext.BaseDirectory, "csharp-host", "oi-csharp-host.dll");

    internal static readonly DriverProgram Program = new(
        Runtime: "dotnet",
        RuntimeArguments: [HostPath],
        DriverResource: null,
        CellExtension: ".csx",
        Environment: new Dictionary<string, string> { ["DOTNET_NOLOGO"] = "1", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" },
        InstallHint: OperatingSystem.IsMacOS() ? "brew install dotnet" : "install the .NET 10 runtime (https://dot.net)");

    /// <summary>Creates a session; its process starts on the first run.</summary>
    public CSharpSession(SessionOptions? options = null)
        : base(Info, Program, options)
    {
    }

    /// <summary>C#: answers to csharp, cs and c#.</summary>
    public static LanguageInfo Info { get; } = new("csharp", ["cs", "c#"], "cs");

    /// <summary>Why C# cannot run with this build, or null when the host was built beside it.</summary>
    internal static string? MissingHost() => File.Exists(HostPath)
        ? null
        : $"The C# host is not beside this interpreter ({HostPath}); build it with dotnet build src/OpenInterpreter.CSharpHost.";
}
