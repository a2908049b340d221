using OpenInterpreter.Core.Messages;
using OpenInterpreter.Core.Settings;
using Xunit;

namespace OpenInterpreter.Core.Tests.Settings;

public sealed class ProfileParserTests
{
    /// <summary>A profile as the original Open Interpreter 0.2.5+ writes it, with keys we use and keys we do not.</summary>
    private const string OpenInterpreterProfile = """
        # OPEN INTERPRETER CONFIGURATION FILE
        llm:
          model: "gpt-4-turbo"
          temperature: 0.3
          context_window: 16000
          max_tokens: 1200
          api_base: "http://localhost:1234/v1"
          max_output: 1500
          supports_functions: False
          supports_vision: True
        computer:
          import_computer_api: True
          languages: ["python", "shell"]
        custom_instructions: "Use metric units."
        auto_run: True
        safe_mode: "ask"
        offline: True
        verbose: False
        multi_line: False
        loop: True
        version: 0.2.5
        """;

    [Fact]
    public void An_open_interpreter_profile_loads_with_its_keys_and_nesting()
    {
        var loaded = SettingsLoader.Apply([ProfileParser.Parse(OpenInterpreterProfile, "oi.yaml")]);
        var s = loaded.Settings;

        Assert.Equal("gpt-4-turbo", s.Llm.Model);
        Assert.Equal(0.3, s.Llm.Temperature);
        Assert.Equal(16000, s.Llm.ContextWindow);
        Assert.Equal(1200, s.Llm.MaxTokens);
        Assert.Equal("http://localhost:1234/v1", s.Llm.ApiBase);
        Assert.False(s.Llm.SupportsFunctions);
        Assert.True(s.Llm.SupportsVision);
        Assert.Equal(1500, s.MaxOutput);
        Assert.Equal(["python", "shell"], s.Languages);
        Assert.Equal("Use metric units.", s.CustomInstructions);
        Assert.True(s.AutoRun);
        Assert.Equal("ask", s.SafeMode);
        Assert.True(s.Offline);
        Assert.True(s.Loop);
        Assert.False(s.MultiLine);
        Assert.Equal(["oi.yaml:12:3: computer.import_computer_api: OI's Python computer API does not exist here (use --os for the screen, mouse and keyboard); ignored."], loaded.Warnings);
    }

    [Fact]
    public void Messages_written_as_a_yaml_list_of_mappings_start_the_conversation()
    {
        const string fewShot = """
            messages:
              - role: user
                type: message
                content: "What is 2 + 2?"
              - {role: assistant, type: code, format: python, content: "print(2 + 2)"}
            """;

        var loaded = SettingsLoader.Apply([ProfileParser.Parse(fewShot, "few.yaml")]);

        Assert.Empty(loaded.Warnings);
        LmcMessage[] expected = [new("user", "message", "What is 2 + 2?"), new("assistant", "code", "print(2 + 2)", "python")];
        Assert.Equal(expected, loaded.Settings.Messages!);
        Assert.Empty(SettingsLoader.Apply([ProfileParser.Parse("messages: []\n", "none.yaml")]).Settings.Messages!);
    }

    [Fact]
    public void A_yaml_syntax_error_names_the_file_line_and_column()
    {
        const string broken = "llm:\n  model: \"gpt-4o\n  temperature: 0\n";
        var error = Assert.Throws<SettingsException>(() => ProfileParser.Parse(broken, "/p/broken.yaml"));
        Assert.Matches(@"^/p/broken\.yaml:\d+:\d+: the profile is not valid YAML: ", error.Message);
    }

    [Fact]
    public void A_profile_that_is_not_a_mapping_is_an_error_at_its_place()
    {
        var error = Assert.Throws<SettingsException>(() => ProfileParser.Parse("- a\n- b\n", "list.yaml"));
        Assert.StartsWith("list.yaml:1:1: a profile must be a mapping", error.Message);
    }

    [Fact]
    public void Empty_values_and_empty_files_change_nothing()
    {
        Assert.Empty(ProfileParser.Parse("", "empty.yaml").Entries);
        Assert.Empty(ProfileParser.Parse("llm:\n  api_key:\n", "k.yaml").Entries);
    }
}
