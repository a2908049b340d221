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
    public void Assistant_runs_code_in_a_loop()
    {
        var settings = SettingsLoader.Apply([BuiltInProfiles.Load("assistant")]).Settings;
        Assert.True(settings.AutoRun);
        Assert.True(settings.Loop);
    }
}
