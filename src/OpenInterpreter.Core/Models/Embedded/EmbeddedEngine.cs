using LLama.Native;

namespace OpenInterpreter.Core.Models.Embedded;

/// <summary>
/// Sets up llama.cpp once per process: CPU only, and its log routed to <c>--verbose</c> instead of the terminal,
/// where its hundreds of loading lines would bury the conversation.
/// </summary>
internal static class EmbeddedEngine
{
    private static readonly Lock Gate = new();
    private static bool _initialized;
    private static Action<string>? _log;

    public static void Initialize(Action<string>? log)
    {
        lock (Gate)
        {
            _log = log;
            if (_initialized)
            {
                return;
            }

            _initialized = true;
            NativeLibraryConfig.All
                .WithCuda(false)
                .WithVulkan(false)
                .WithLogCallback((_, message) => _log?.Invoke(message.TrimEnd()));
        }
    }
}
