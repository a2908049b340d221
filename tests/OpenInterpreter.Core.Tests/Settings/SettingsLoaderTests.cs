using System.Collections;
using OpenInterpreter.Core.Settings;
using Xunit;

namespace OpenInterpreter.Core.Tests.Settings;

public sealed class SettingsLoaderTests
{
    private static SettingsLayer Layer(string source, params (string Key, string Value)[] entries) =>
        new(source, entries.Select(e => new KeyValuePair<string, SettingValue>(e.Key, SettingValue.Of(e.Value, source))).ToList());

    [Fact]
    public void Each_layer_overrides_the_one_below()
    {
        var defaultProfile = Layer("default.yaml", ("llm.model", "from-default"), ("llm.temperature", "0.1"), ("llm.max_tokens", "100"), ("max_output", "500"));
        var profile = Layer("--profile", ("llm.temperature", "0.2"), ("llm.max_tokens", "200"), ("max_output", "600"));
        var environment = EnvironmentLayer.Read(new Hashtable { ["INTERPRETER_MAX_TOKENS"] = "300", ["INTERPRETER_MODEL"] = "from-env" });
        var flags = Layer("flags", ("llm.model", "from-flags"));

        var settings = SettingsLoader.Apply([defaultProfile, profile, environment, flags]).Settings;

        Assert.Equal("from-flags", settings.Llm.Model);
        Assert.Equal(300, settings.Llm.MaxTokens);
        Assert.Equal(0.2, settings.Llm.Temperature);
        Assert.Equal(600, settings.MaxOutput);
        Assert.False(settings.AutoRun);
    }

    [Fact]
    public void Ois_llm_max_budget_sets_the_spending_cap_without_a_warning()
    {
        var loaded = SettingsLoader.Apply([Layer("oi.yaml", ("llm.max_budget", "0.5"))]);

        Assert.Equal(0.5, loaded.Settings.MaxBudget);
        Assert.Empty(loaded.Warnings);
    }

    [Fact]
    public void Built_in_defaults_stay_where_no_layer_sets_a_value()
    {
        var settings = SettingsLoader.Apply([Layer("p", ("auto_run", "true"))]).Settings;
        Assert.Equal(new InterpreterSettings().Llm, settings.Llm);
        Assert.True(settings.AutoRun);
        Assert.Equal(2800, settings.MaxOutput);
    }

    [Fact]
    public void Unknown_keys_give_one_warning_each_and_do_not_stop_loading()
    {
        var loaded = SettingsLoader.Apply([Layer("p.yaml:3:1", ("sync_computer", "true"), ("llm.model", "gpt-4o-mini"), ("computer.emit_images", "true"))]);
        Assert.Equal("gpt-4o-mini", loaded.Settings.Llm.Model);
        Assert.Equal(2, loaded.Warnings.Count);
        Assert.Contains("sync_computer", loaded.Warnings[0]);
        Assert.Contains("computer.emit_images", loaded.Warnings[1]);
    }

    [Fact]
    public void A_key_set_many_times_in_one_profile_gives_one_line_about_the_value_it_ends_with()
    {
        // OI's codestral-os.py sets several keys three times, its local-os.py an unknown `s` three times.
        var loaded = SettingsLoader.Apply([Layer("os.py:9", ("s", "a"), ("computer.import_computer_api", "true"), ("s", "b"), ("computer.import_computer_api", "false"), ("s", "c"))]);

        Assert.Equal("os.py:9: unknown setting 's' ignored (set 3 times).", Assert.Single(loaded.Warnings));
    }

    [Fact]
    public void OI_s_older_loop_names_set_the_loop_message_and_breakers()
    {
        var loaded = SettingsLoader.Apply([new SettingsLayer("local-os.py", [
            new("force_task_completion", SettingValue.Of("true", "local-os.py:1")),
            new("force_task_completion_message", SettingValue.Of("Go on, or say <END>.", "local-os.py:2")),
            new("force_task_completion_breakers", SettingValue.List(["<END>"], "local-os.py:3")),
        ])]);

        Assert.Empty(loaded.Warnings);
        Assert.True(loaded.Settings.Loop);
        Assert.Equal("Go on, or say <END>.", loaded.Settings.LoopMessage);
        Assert.Equal(["<END>"], loaded.Settings.LoopBreakers);
    }

    [Fact]
    public void An_empty_computer_system_message_is_taken_and_a_written_one_is_named()
    {
        // OI's local profiles empty it to leave out the computer API's explanation, which is never sent here anyway.
        Assert.Empty(SettingsLoader.Apply([Layer("p.py:4", ("computer.system_message", ""))]).Warnings);
        Assert.StartsWith("p.py:4: computer.system_message: it explains OI's Python computer API", Assert.Single(SettingsLoader.Apply([Layer("p.py:4", ("computer.system_message", "Use computer.mouse."))]).Warnings));
    }

    [Fact]
    public void A_bad_value_names_where_it_was_written()
    {
        var error = Assert.Throws<SettingsException>(() => SettingsLoader.Apply([Layer("p.yaml:4:3", ("llm.temperature", "hot"))]));
        Assert.StartsWith("p.yaml:4:3: llm.temperature must be a number", error.Message);
    }

    [Fact]
    public void A_context_window_not_above_max_tokens_is_an_error()
    {
        var error = Assert.Throws<SettingsException>(() => SettingsLoader.Apply([Layer("p", ("llm.context_window", "1000"), ("llm.max_tokens", "1000"))]));
        Assert.Contains("context_window (1000) must be larger than max_tokens (1000)", error.Message);
    }

    [Fact]
    public void The_fast_profile_is_gpt_3_5_turbo_with_short_answers()
    {
        var settings = SettingsLoader.Apply([BuiltInProfiles.Load("fast")]).Settings;
        Assert.Equal("gpt-3.5-turbo", settings.Llm.Model);
        Assert.Contains("brief", settings.CustomInstructions, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("fast")]
    [InlineData("local")]
    [InlineData("os")]
    [InlineData("vision")]
    public void Every_built_in_profile_loads_without_warnings(string name)
    {
        Assert.Empty(SettingsLoader.Apply([BuiltInProfiles.Load(name)]).Warnings);
    }

    [Fact]
    public void Offline_refuses_an_mcp_server_that_is_not_on_this_machine()
    {
        var remote = Layer("p.yaml:3:1", ("offline", "true"), ("mcp_servers", "{\"docs\": {\"url\": \"https://mcp.example.com/mcp\"}}"));
        var error = Assert.Throws<SettingsException>(() => SettingsLoader.Apply([remote]));
        Assert.Equal("offline is on, but mcp_servers.docs is at https://mcp.example.com/mcp, which is not this machine. Remove that server from the profile, or turn offline off.", error.OneLine);

        // On this machine, or with offline off, the same server is taken.
        Assert.Single(SettingsLoader.Apply([Layer("p", ("offline", "true"), ("mcp_servers", "{\"docs\": {\"url\": \"http://127.0.0.1:9000/mcp\"}}"))]).Settings.McpServers);
        Assert.Single(SettingsLoader.Apply([Layer("p", ("mcp_servers", "{\"docs\": {\"url\": \"https://mcp.example.com/mcp\"}}"))]).Settings.McpServers);
    }

    [Fact]
    public void Api_version_for_a_model_that_is_not_azure_is_one_warning_line()
    {
        var warning = Assert.Single(SettingsLoader.Apply([Layer("--api_version", ("llm.model", "claude-3-5-sonnet-latest"), ("llm.api_version", "2024-10-21"))]).Warnings);
        Assert.Equal("--api_version: llm.api_version is Azure OpenAI's (azure/<deployment>); claude-3-5-sonnet-latest goes to Anthropic, which has no api-version, so it is ignored.", warning);
        Assert.Empty(SettingsLoader.Apply([Layer("p", ("llm.model", "azure/my-deployment"), ("llm.api_base", "https://x.openai.azure.com"), ("llm.api_version", "2024-10-21"))]).Warnings);
    }

    [Fact]
    public void Tool_calling_asked_of_a_gguf_model_is_one_warning_line()
    {
        var warning = Assert.Single(SettingsLoader.Apply([Layer("--llm_supports_functions", ("llm.model", "/models/tiny.gguf"), ("llm.supports_functions", "true"))]).Warnings);
        Assert.Equal("--llm_supports_functions: llm.supports_functions asks for tool calling, which the embedded engine (a .gguf file run in-process) does not have: the model writes its code in fenced blocks; ignored.", warning);

        // Left at its default, turned off, or for a model that calls tools, it says nothing.
        Assert.Empty(SettingsLoader.Apply([Layer("p", ("llm.model", "/models/tiny.gguf"))]).Warnings);
        Assert.Empty(SettingsLoader.Apply([Layer("p", ("llm.model", "/models/tiny.gguf"), ("llm.supports_functions", "false"))]).Warnings);
        Assert.Empty(SettingsLoader.Apply([Layer("p", ("llm.model", "gpt-4o"), ("llm.supports_functions", "true"))]).Warnings);
    }
}
