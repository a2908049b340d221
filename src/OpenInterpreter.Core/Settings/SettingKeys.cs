namespace OpenInterpreter.Core.Settings;

/// <summary>Every profile key we know, with OI's names and nesting; a key not listed here is warned about and ignored.</summary>
public static class SettingKeys
{
    public const string ApiKey = "llm.api_key";

    /// <summary>The sections whose keys nest one level down (<c>llm:</c> → <c>llm.model</c>).</summary>
    public static readonly IReadOnlyList<string> Sections = ["llm", "computer", "permissions"];

    public static readonly IReadOnlyList<SettingKey> All =
    [
        Llm("llm.model", (m, v, k) => m with { Model = v.AsText(k) }, m => m.Model),
        Llm("llm.temperature", (m, v, k) => m with { Temperature = v.AsDouble(k, 0, 2) }, m => m.Temperature),
        Llm("llm.context_window", (m, v, k) => m with { ContextWindow = v.AsInt(k, 1) }, m => m.ContextWindow),
        Llm("llm.max_tokens", (m, v, k) => m with { MaxTokens = v.AsInt(k, 1) }, m => m.MaxTokens),
        Llm("llm.api_base", (m, v, k) => m with { ApiBase = v.AsText(k) }, m => m.ApiBase),
        Llm(ApiKey, (m, v, k) => m with { ApiKey = v.AsText(k), ApiKeySource = v.Location }, m => m.ApiKey),
        Llm("llm.api_version", (m, v, k) => m with { ApiVersion = v.AsText(k) }, m => m.ApiVersion),
        Llm("llm.supports_functions", (m, v, k) => m with { SupportsFunctions = v.AsBool(k) }, m => m.SupportsFunctions),
        Llm("llm.supports_vision", (m, v, k) => m with { SupportsVision = v.AsBool(k) }, m => m.SupportsVision),
        // Seconds of silence in a streamed reply (between chunks; before the first) before it is given up; 0: no limit.
        Llm("llm.idle_timeout", (m, v, k) => m with { IdleTimeout = TimeSpan.FromSeconds(v.AsDouble(k, 0, 24 * 3600)) }, m => m.IdleTimeout.TotalSeconds),
        Llm("llm.first_token_timeout", (m, v, k) => m with { FirstTokenTimeout = TimeSpan.FromSeconds(v.AsDouble(k, 0, 24 * 3600)) }, m => m.FirstTokenTimeout.TotalSeconds),
        new("max_turns", (s, v) => s with { MaxTurns = v.AsInt("max_turns", 1) }, s => s.MaxTurns),
        new("auto_run", (s, v) => s with { AutoRun = v.AsBool("auto_run") }, s => s.AutoRun),
        new("verbose", (s, v) => s with { Verbose = v.AsBool("verbose") }, s => s.Verbose),
        new("offline", (s, v) => s with { Offline = v.AsBool("offline") }, s => s.Offline),
        new("os", (s, v) => s with { Os = v.AsBool("os") }, s => s.Os),
        new("system_message", (s, v) => s with { SystemMessage = v.AsText("system_message") }, s => s.SystemMessage),
        new("custom_instructions", (s, v) => s with { CustomInstructions = v.AsText("custom_instructions") }, s => s.CustomInstructions),
        new("max_output", (s, v) => s with { MaxOutput = v.AsInt("max_output", 100) }, s => s.MaxOutput),
        // OI reads max_output under llm: as well; it is written back at the top level.
        new("llm.max_output", (s, v) => s with { MaxOutput = v.AsInt("llm.max_output", 100) }, null),
        new("safe_mode", ApplySafeMode, s => s.SafeMode),
        new("sandbox", ApplySandbox, s => s.Sandbox),
        new("sandbox_network", (s, v) => s with { SandboxNetwork = v.AsBool("sandbox_network") }, s => s.SandboxNetwork),
        new("permissions.allow", (s, v) => s with { Permissions = s.Permissions.With(Safety.RuleKind.Allow, v.AsList("permissions.allow"), v.Location) }, s => s.Permissions.Written(Safety.RuleKind.Allow)),
        new("permissions.ask", (s, v) => s with { Permissions = s.Permissions.With(Safety.RuleKind.Ask, v.AsList("permissions.ask"), v.Location) }, s => s.Permissions.Written(Safety.RuleKind.Ask)),
        new("permissions.deny", (s, v) => s with { Permissions = s.Permissions.With(Safety.RuleKind.Deny, v.AsList("permissions.deny"), v.Location) }, s => s.Permissions.Written(Safety.RuleKind.Deny)),
        new("redact_secrets", (s, v) => s with { RedactSecrets = v.AsBool("redact_secrets") }, s => s.RedactSecrets),
        new("max_budget", (s, v) => s with { MaxBudget = v.AsDouble("max_budget", 0, 1_000_000) }, s => s.MaxBudget),
        // OI keeps it under llm: (interpreter.llm.max_budget); it is written back at the top level.
        new("llm.max_budget", (s, v) => s with { MaxBudget = v.AsDouble("llm.max_budget", 0, 1_000_000) }, null),
        // Seconds one run of code may take; 0 for no limit, even under --stdin.
        new("timeout", (s, v) => s with { RunTimeout = TimeSpan.FromSeconds(v.AsDouble("timeout", 0, 7 * 24 * 3600)) }, s => s.RunTimeout?.TotalSeconds),
        // A mapping of servers; the profile parser hands it over as JSON text.
        new("mcp_servers", (s, v) => s with { McpServers = Mcp.McpServerConfig.ParseAll(v.AsText("mcp_servers"), v.Location) }, null),
        new("tools", (s, v) => s with { Tools = v.AsList("tools") }, s => s.Tools),
        new("computer.languages", (s, v) => s with { Languages = v.AsList("computer.languages") }, s => s.Languages),
        // In OI's own default.yaml; accepted so that file loads without warnings, but they change nothing here.
        new("version", (s, _) => s, null),
        .. OpenInterpreterKeys.All,
    ];

    public static SettingKey? Find(string name) => All.FirstOrDefault(k => k.Name == name);

    private static SettingKey Llm(string name, Func<ModelSettings, SettingValue, string, ModelSettings> apply, Func<ModelSettings, object?> read) =>
        new(name, (s, v) => s with { Llm = apply(s.Llm, v, name) }, s => read(s.Llm));

    private static InterpreterSettings ApplySandbox(InterpreterSettings settings, SettingValue value)
    {
        var mode = value.AsText("sandbox").Trim().ToLowerInvariant().Replace('_', '-');
        return mode is "off" or "read-only" or "workspace-write"
            ? settings with { Sandbox = mode }
            : throw new SettingsException($"{value.Location}: sandbox must be off, read-only or workspace-write, not '{mode}'.");
    }

    private static InterpreterSettings ApplySafeMode(InterpreterSettings settings, SettingValue value)
    {
        var mode = value.AsText("safe_mode").Trim().ToLowerInvariant();
        return mode is "off" or "ask" or "auto"
            ? settings with { SafeMode = mode }
            : throw new SettingsException($"{value.Location}: safe_mode must be off, ask or auto, not '{mode}'.");
    }
}
