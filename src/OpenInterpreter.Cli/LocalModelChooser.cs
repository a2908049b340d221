using OpenInterpreter.Core;
using OpenInterpreter.Core.Models.Local;
using OpenInterpreter.Core.Settings;
using Spectre.Console;

namespace OpenInterpreter.Cli;

/// <summary>
/// <c>--local</c>: finds the running local servers, lets the user pick one of their models (the first, Code Llama
/// preferred, when nobody can be asked), or else a GGUF file in the models folder for the embedded engine, and
/// applies OI's local defaults.
/// </summary>
internal static class LocalModelChooser
{
    /// <summary>OI's defaults for local models, which are small and slow: a short context and short replies.</summary>
    public const int LocalContextWindow = 3000;
    public const int LocalMaxTokens = 1000;

    /// <summary>
    /// The model to use: <paramref name="remembered"/> (the last choice, kept in the <c>local</c> profile) when its server
    /// still offers it, else the user's pick of what the probe found.
    /// </summary>
    public static async Task<ModelSettings> ChooseAsync(
        ModelSettings settings, bool forceFunctions, bool interactive, string modelsDirectory, string? remembered, CancellationToken cancellationToken)
    {
        var models = await LocalServerProbe.FindModelsAsync(cancellationToken).ConfigureAwait(false);
        if (models.Count == 0)
        {
            return ChooseFile(settings, interactive, modelsDirectory, remembered);
        }

        var chosen = models.FirstOrDefault(m => m.ModelName == remembered) ?? models[0];
        if (interactive && models.Count > 1 && chosen.ModelName != remembered)
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

    /// <summary>No server runs: a GGUF file from the models folder, for the embedded engine.</summary>
    private static ModelSettings ChooseFile(ModelSettings settings, bool interactive, string modelsDirectory, string? remembered)
    {
        var files = Directory.Exists(modelsDirectory)
            ? Directory.GetFiles(modelsDirectory, "*.gguf").OrderBy(f => LocalModelName(f).Contains("codellama", StringComparison.OrdinalIgnoreCase) ? 0 : 1).ThenBy(f => f, StringComparer.Ordinal).ToList()
            : [];
        if (files.Count == 0)
        {
            var ports = string.Join(", ", LocalServer.All.Select(s => $"{s.DisplayName} ({s.DefaultPort})"));
            throw new InterpreterException(
                $"No local model server is running (looked for {ports}) and {modelsDirectory} has no .gguf file.",
                "Start one (for example `ollama serve`, then `ollama pull llama3.1`), or put a GGUF model in that folder.");
        }

        var chosen = files.FirstOrDefault(f => f == remembered) ?? files[0];
        if (interactive && files.Count > 1 && chosen != remembered)
        {
            chosen = AnsiConsole.Prompt(new SelectionPrompt<string>()
                .Title("No local server is running. Which model file?")
                .UseConverter(f => Markup.Escape(Path.GetFileName(f)))
                .AddChoices(files));
        }

        return settings with
        {
            Model = chosen,
            ApiBase = null,
            ContextWindow = settings.ContextWindow ?? LocalContextWindow,
            MaxTokens = settings.MaxTokens ?? LocalMaxTokens,
        };
    }

    /// <summary>The model the <c>local</c> profile remembers from the last <c>--local</c> choice; null when none.</summary>
    public static string? Remembered(ProfileStore profiles)
    {
        if (!File.Exists(profiles.PathFor(LocalProfile)))
        {
            return null;
        }

        var local = SettingsLoader.Apply([profiles.Load(LocalProfile)]).Settings.Llm;
        return local.Model == new ModelSettings().Model ? null : local.Model;
    }

    /// <summary>Keeps <paramref name="chosen"/> in the <c>local</c> profile, so the next <c>--local</c> (or <c>-p local</c>) uses it.</summary>
    public static string Remember(ProfileStore profiles, ModelSettings chosen)
    {
        var local = new InterpreterSettings { Llm = chosen with { ApiKey = null, ApiKeySource = null }, Offline = true };
        return profiles.Save(LocalProfile, ProfileWriter.Write(local, includeApiKey: false, header: "A model on this machine, remembered from your last interpreter --local."));
    }

    private const string LocalProfile = "local";

    private static string LocalModelName(string path) => Path.GetFileName(path).Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
}
