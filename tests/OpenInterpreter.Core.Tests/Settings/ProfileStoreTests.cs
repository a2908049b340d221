using OpenInterpreter.Core.Settings;
using Xunit;

namespace OpenInterpreter.Core.Tests.Settings;

public sealed class ProfileStoreTests
{
    private readonly ProfileStore _store = new(Path.Combine(Directory.CreateTempSubdirectory("oi-profiles-").FullName, "profiles"));

    [Fact]
    public void Saving_then_loading_gives_the_same_settings_without_the_key_and_with_mode_0600()
    {
        var settings = new InterpreterSettings
        {
            Llm = new ModelSettings { Model = "openai/qwen", ApiBase = "http://h:1/v1", ApiKey = "sk-secret-0123456789abc", ApiKeySource = "--api_key", Temperature = 0.7, ContextWindow = 9000, MaxTokens = 900, SupportsFunctions = false },
            AutoRun = true,
            CustomInstructions = "Say \"hi\"\nthen: go # not a comment",
            MaxOutput = 1234,
            Languages = ["python"],
        };

        var path = _store.Save("mine", ProfileWriter.Write(settings, includeApiKey: false));
        var loaded = SettingsLoader.Apply([_store.Load("mine")]);

        Assert.Empty(loaded.Warnings);
        Assert.Equal(settings with { Llm = settings.Llm with { ApiKey = null, ApiKeySource = null } }, loaded.Settings with { Languages = settings.Languages });
        Assert.Equal(["python"], loaded.Settings.Languages);
        Assert.DoesNotContain("sk-secret", File.ReadAllText(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void The_messages_a_conversation_starts_with_are_saved_and_load_back()
    {
        // --save-profile after a few-shot Python profile (OI's codestral-few-shot.py) keeps its examples.
        var settings = new InterpreterSettings { Messages = [Core.Messages.LmcMessage.UserText("Say \"hi\""), new("assistant", "code", "print('hi')", "python")] };

        _store.Save("few-shot", ProfileWriter.Write(settings, includeApiKey: false));
        var loaded = SettingsLoader.Apply([_store.Load("few-shot")]);

        Assert.Empty(loaded.Warnings);
        Assert.Equal(settings.Messages, loaded.Settings.Messages);
    }

    [Fact]
    public void The_key_is_written_only_when_asked()
    {
        var settings = new InterpreterSettings { Llm = new ModelSettings { ApiKey = "sk-secret-0123456789abc" } };
        _store.Save("with-key", ProfileWriter.Write(settings, includeApiKey: true));
        Assert.Equal("sk-secret-0123456789abc", SettingsLoader.Apply([_store.Load("with-key")]).Settings.Llm.ApiKey);
    }

    [Fact]
    public void Default_yaml_is_written_on_first_use_and_loads_cleanly()
    {
        var layer = _store.LoadDefault();
        Assert.True(File.Exists(_store.DefaultPath));
        Assert.Contains("# ", File.ReadAllText(_store.DefaultPath));
        Assert.Empty(SettingsLoader.Apply([layer]).Warnings);
    }

    [Fact]
    public void A_name_finds_the_folder_first_then_the_built_in_profiles()
    {
        Assert.Equal("gpt-3.5-turbo", SettingsLoader.Apply([_store.Load("fast")]).Settings.Llm.Model);
        _store.Save("fast", "llm:\n  model: mine\n");
        Assert.Equal("mine", SettingsLoader.Apply([_store.Load("fast")]).Settings.Llm.Model);
        Assert.Throws<SettingsException>(() => _store.Load("nope"));
    }

    [Fact]
    public void Reset_puts_the_built_in_content_back_and_keeps_the_old_file()
    {
        _store.Save("fast", "llm:\n  model: mine\n");
        _store.Reset("fast");
        Assert.Equal("gpt-3.5-turbo", SettingsLoader.Apply([_store.Load("fast")]).Settings.Llm.Model);
        Assert.Contains("mine", File.ReadAllText(_store.PathFor("fast") + ".bak"));
    }
}
