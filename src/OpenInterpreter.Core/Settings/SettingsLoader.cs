using OpenInterpreter.Core.Models;

namespace OpenInterpreter.Core.Settings;

/// <summary>
/// Applies settings layers over the built-in defaults, lowest first: <c>default.yaml</c> &lt; <c>--profile</c> &lt;
/// environment &lt; command-line flags. Unknown keys become warnings; bad values and impossible combinations are errors.
/// </summary>
public static class SettingsLoader
{
    public static LoadedSettings Apply(IEnumerable<SettingsLayer> layers, InterpreterSettings? defaults = null)
    {
        var settings = defaults ?? new InterpreterSettings();
        var warnings = new List<string>();
        string? apiVersionAt = null;
        string? supportsFunctionsAt = null;
        foreach (var layer in layers)
        {
            warnings.AddRange(layer.Warnings);

            // A Python profile may set one key many times (OI's codestral-os.py sets some three times): one line per
            // key, about the value it ends with.
            var last = new Dictionary<string, (SettingKey Key, SettingValue Value)>(StringComparer.Ordinal);
            var unknown = new Dictionary<string, (SettingValue First, int Times)>(StringComparer.Ordinal);
            foreach (var (name, value) in layer.Entries)
            {
                if (SettingKeys.Find(name) is { } key)
                {
                    settings = key.Apply(settings, value);
                    last[name] = (key, value);
                    apiVersionAt = name == "llm.api_version" ? value.Location : apiVersionAt;
                    supportsFunctionsAt = name == "llm.supports_functions" ? value.Location : supportsFunctionsAt;
                }
                else
                {
                    unknown[name] = unknown.TryGetValue(name, out var seen) ? (seen.First, seen.Times + 1) : (value, 1);
                }
            }

            foreach (var (key, value) in last.Values)
            {
                if (key.Warning?.Invoke(value) is { } warning)
                {
                    warnings.Add($"{value.Location}: {warning}");
                }
            }

            foreach (var (name, (first, times)) in unknown)
            {
                warnings.Add($"{first.Location}: unknown setting '{name}' ignored{(times > 1 ? $" (set {times} times)" : "")}.");
            }
        }

        Check(settings);
        if (apiVersionAt is not null && ApiVersionUnused(settings.Llm) is { } unused)
        {
            warnings.Add($"{apiVersionAt}: {unused}");
        }

        if (supportsFunctionsAt is not null && ToolCallingUnused(settings.Llm) is { } noTools)
        {
            warnings.Add($"{supportsFunctionsAt}: {noTools}");
        }

        return new LoadedSettings(PreferEnvironmentKey(settings), warnings);
    }

    private static void Check(InterpreterSettings settings)
    {
        // offline: nothing but the model's endpoint is contacted; an MCP server elsewhere would be.
        if (settings.Offline && settings.McpServers.FirstOrDefault(s => s.Url is { } url && !IsThisMachine(url)) is { } remote)
        {
            throw new SettingsException(
                $"offline is on, but mcp_servers.{remote.Name} is at {remote.Url}, which is not this machine.",
                "Remove that server from the profile, or turn offline off.");
        }

        if (settings.Llm is { ContextWindow: { } window, MaxTokens: { } tokens } && window <= tokens)
        {
            throw new SettingsException(
                $"context_window ({window}) must be larger than max_tokens ({tokens}).",
                "Raise --context_window or lower --max_tokens.");
        }
    }

    /// <summary>Only Azure OpenAI sends an <c>api-version</c>; for any other provider the setting would change nothing.</summary>
    private static string? ApiVersionUnused(ModelSettings llm)
    {
        if (llm.ApiVersion is null)
        {
            return null;
        }

        try
        {
            var provider = ModelRoute.Resolve(llm).Provider;
            return provider.Kind == ProviderKind.Azure
                ? null
                : $"llm.api_version is Azure OpenAI's (azure/<deployment>); {llm.Model} goes to {provider.DisplayName}, which has no api-version, so it is ignored.";
        }
        catch (InterpreterException)
        {
            // A model that cannot be routed fails on its own, with its own line, when it is called.
            return null;
        }
    }

    /// <summary>
    /// The embedded engine has no tool calling, so <c>llm.supports_functions: true</c> (which <c>--llm_supports_functions</c>
    /// forces) changes nothing for a <c>.gguf</c> model: it writes its code in fenced blocks. Null when the setting acts.
    /// </summary>
    public static string? ToolCallingUnused(ModelSettings llm)
    {
        if (!llm.SupportsFunctions)
        {
            return null;
        }

        try
        {
            return ModelRoute.Resolve(llm).Provider.Kind == ProviderKind.Embedded
                ? "llm.supports_functions asks for tool calling, which the embedded engine (a .gguf file run in-process) does not have: the model writes its code in fenced blocks; ignored."
                : null;
        }
        catch (InterpreterException)
        {
            // A model that cannot be routed fails on its own, with its own line, when it is called.
            return null;
        }
    }

    private static bool IsThisMachine(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.IsLoopback || string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase));

    /// <summary>A key written in a profile gives way to the provider's key variable (environment beats profiles).</summary>
    private static InterpreterSettings PreferEnvironmentKey(InterpreterSettings settings)
    {
        if (settings.Llm.ApiKey is null || settings.Llm.ApiKeySource is null || settings.Llm.ApiKeySource.StartsWith("--", StringComparison.Ordinal))
        {
            return settings;
        }

        string? variable;
        try
        {
            variable = ModelRoute.Resolve(settings.Llm).Provider.KeyVariable;
        }
        catch (InterpreterException)
        {
            return settings;
        }

        return variable is not null && Environment.GetEnvironmentVariable(variable) is { Length: > 0 }
            ? settings with { Llm = settings.Llm with { ApiKey = null, ApiKeySource = null } }
            : settings;
    }
}
