using OpenInterpreter.Core.Settings;
using Xunit;

namespace OpenInterpreter.Core.Tests.Settings;

/// <summary>Every built-in profile loads without a warning, and OI's shortcut profiles carry what they are for.</summary>
public sealed class BuiltInProfileTests
{
    public static TheoryData<string> Names() => [.. BuiltInProfiles.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_built_in_profile_loads_without_a_warning(string name)
    {
        var loaded = SettingsLoader.Apply([BuiltInProfiles.Load(name)]);
        Assert.Empty(loaded.Warnings);
    }

    [Fact]
    public void Llama3_and_codestral_write_code_in_text_with_OI_s_templates()
    {
        foreach (var name in new[] { "llama3", "codestral" })
        {
            var settings = SettingsLoader.Apply([BuiltInProfiles.Load(name)]).Settings;
            Assert.StartsWith("ollama/", settings.Llm.Model);
            Assert.False(settings.Llm.SupportsFunctions);
            Assert.Equal("", settings.ExecutionInstructions);
            Assert.Contains("{content}", settings.Templates.CodeOutputTemplate);
        }
    }

    [Fact]
    public void Codestral_few_shot_starts_the_conversation_with_its_worked_examples()
    {
        var settings = SettingsLoader.Apply([BuiltInProfiles.Load("codestral-few-shot")]).Settings;
        Assert.Equal("ollama/codestral", settings.Llm.Model);
        Assert.Equal(9, settings.Messages!.Count);
        Assert.Equal(("computer", "console", "output"), (settings.Messages[3].Role, settings.Messages[3].Type, settings.Messages[3].Format));
    }

    [Fact]
    public void Qwen_and_cortex_are_small_local_models_writing_code_in_text()
    {
        var qwen = SettingsLoader.Apply([BuiltInProfiles.Load("qwen")]).Settings;
        Assert.Equal("ollama/qwen2:1.5b", qwen.Llm.Model);
        Assert.Contains("{content}", qwen.Templates.UserMessageTemplate);
        Assert.False(qwen.AutoRun);

        var cortex = SettingsLoader.Apply([BuiltInProfiles.Load("cortex-llama32")]).Settings;
        Assert.Equal("http://127.0.0.1:39281/v1", cortex.Llm.ApiBase);
        Assert.False(cortex.Llm.SupportsFunctions);
        Assert.True(cortex.Loop);
    }

    [Fact]
    public void Assistant_runs_code_in_a_loop()
    {
        var settings = SettingsLoader.Apply([BuiltInProfiles.Load("assistant")]).Settings;
        Assert.True(settings.AutoRun);
        Assert.True(settings.Loop);
    }
}
