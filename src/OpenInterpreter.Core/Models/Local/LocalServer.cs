namespace OpenInterpreter.Core.Models.Local;

/// <summary>A kind of local model server <c>--local</c> looks for: its provider and the port it listens on by default.</summary>
public sealed record LocalServer(string Prefix, string DisplayName, int DefaultPort, bool SpeaksOllama)
{
    /// <summary>The servers in the order they are offered (OI's order).</summary>
    public static readonly IReadOnlyList<LocalServer> All =
    [
        new("ollama", "Ollama", 11434, SpeaksOllama: true),
        new("lmstudio", "LM Studio", 1234, SpeaksOllama: false),
        new("jan", "Jan", 1337, SpeaksOllama: false),
        new("llamacpp", "llama.cpp server", 8080, SpeaksOllama: false),
    ];

    /// <summary>
    /// The ports to probe: the defaults, or those named in <c>OI_LOCAL_PORTS</c> (<c>ollama=11434,lmstudio=1234</c>);
    /// a server left out of the variable is not probed.
    /// </summary>
    public static IReadOnlyList<(LocalServer Server, int Port)> PortsToProbe(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting))
        {
            return All.Select(s => (s, s.DefaultPort)).ToList();
        }

        var ports = new List<(LocalServer, int)>();
        foreach (var pair in setting.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            var server = All.FirstOrDefault(s => s.Prefix.Equals(parts[0], StringComparison.OrdinalIgnoreCase));
            if (server is null || parts.Length != 2 || !int.TryParse(parts[1], out var port) || port is <= 0 or > 65535)
            {
                throw new InterpreterException(
                    $"OI_LOCAL_PORTS has '{pair}', which is not SERVER=PORT.",
                    $"Use names from {string.Join(", ", All.Select(s => s.Prefix))}, like ollama=11434,lmstudio=1234.");
            }

            ports.Add((server, port));
        }

        return ports;
    }
}
