using OpenInterpreter.Core;
using OpenInterpreter.Core.Models.Local;
using OpenInterpreter.Core.Settings;
using Spectre.Console;

namespace OpenInterpreter.Cli;

/// <summary>
/// <c>--local</c>: finds the running local servers, lets the user pick one of their models (the first, Code Llama
/// preferred, when nobody can be asked), and applies OI's local defaults.
/// </summary>
internal static class LocalModelChooser
{
    /// <summary>OI's defaults for local models, which are small and slow: a short context and short replies.</summary>
    public const int LocalContextWindow = 3000;
    public const int LocalMaxTokens = 1000;

    public static async Task<ModelSettings> ChooseAsync(ModelSettings settings, bool forceFunctions, bool interactive, CancellationToken cancellationToken)
    {
        var models = await LocalServerProbe.FindModelsAsync(cancellationToken).ConfigureAwait(false);
        if (models.Count == 0)
        {
            var ports = string.Join(", ", LocalServer.All.Select(s => $"{s.DisplayName} ({s.DefaultPort})"));
            throw new InterpreterException(
                $"No local model server is running: looked for {ports}.",
                "Start one (for example `ollama serve`, then `ollama pull llama3.1`), or pass --model with a server's model.");
        }

        var chosen = models[0];
        if (interactive && models.Count > 1)
        {
            chosen = AnsiConsole.Prompt(new SelectionPrompt<LocalModel>()
                .Title("Which local model?")
                .UseConverter(m => Markup.Escape(m.Label))
                .AddChoices(models));
        }

        return settings with
        {
            Model = chosen.ModelName,
            ApiBase = chosen.ApiBase,
            ContextWindow = settings.ContextWindow ?? LocalContextWindow,
            MaxTokens = settings.MaxTokens ?? LocalMaxTokens,

            // Local servers get code as fenced blocks unless they say the model calls tools, or the user forces it.
            SupportsFunctions = settings.SupportsFunctions && (forceFunctions || chosen.SupportsTools == true),
        };
    }
}
