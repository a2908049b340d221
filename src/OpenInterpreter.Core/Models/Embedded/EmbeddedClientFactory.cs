using Microsoft.Extensions.AI;
using OpenInterpreter.Core.Settings;

namespace OpenInterpreter.Core.Models.Embedded;

/// <summary>Loads a GGUF file for the embedded engine, turning what can go wrong into one line.</summary>
internal static class EmbeddedClientFactory
{
    /// <summary>OI's context for local models when none is given: small models, small machines.</summary>
    public const int LocalContextWindow = 3000;

    public static IChatClient Create(ModelRoute route, ModelSettings settings, Action<string>? log)
    {
        var path = Path.GetFullPath(route.ModelId.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), route.ModelId[2..])
            : route.ModelId);
        if (!File.Exists(path))
        {
            throw new InterpreterException($"The model file {path} does not exist.", "Pass the path of a .gguf file to --model.");
        }

        try
        {
            return EmbeddedChatClient.Load(path, settings.ContextWindow ?? LocalContextWindow, log);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or TypeInitializationException or BadImageFormatException)
        {
            throw new InterpreterException(
                $"The embedded engine (llama.cpp) could not be loaded on this machine: {FirstLine(e)}.",
                "Serve the model with Ollama, LM Studio or llama.cpp server instead, and use --local.", e);
        }
        catch (Exception e) when (e.GetType().Namespace?.StartsWith("LLama", StringComparison.Ordinal) == true)
        {
            throw new InterpreterException(
                $"{path} could not be loaded as a model: {FirstLine(e)}.",
                "Check that it is a complete GGUF file of a model llama.cpp supports.", e);
        }
    }

    private static string FirstLine(Exception e)
    {
        var inner = e;
        while (inner is TypeInitializationException { InnerException: { } next })
        {
            inner = next;
        }

        return inner.Message.Split('\n', 2)[0].Trim().TrimEnd('.');
    }
}
