using OpenInterpreter.Core.Settings;
using OpenInterpreter.Core.Settings.Python;
using Xunit;

namespace OpenInterpreter.Core.Tests.Settings;

/// <summary>The stand-in interpreter module a Python profile runs against, run for real with python3.</summary>
public sealed class PythonProfileStandInTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("oi-standin-").FullName;

    private string Write(string text)
    {
        var path = Path.Combine(_folder, "profile.py");
        File.WriteAllText(path, text);
        return path;
    }

    private SettingsLayer Load(string text) => PythonProfile.Load(Write(text), _folder);

    private static string Text(SettingsLayer layer, string key) => layer.Entries.Single(e => e.Key == key).Value.Text!;

    [Fact]
    public void Attribute_chains_are_recorded_with_their_lines()
    {
        var layer = Load("""
            from interpreter import interpreter
            interpreter.llm.model = "ollama/codestral"
            interpreter.computer.skills.path = "./skills"
            name = interpreter.llm.model.replace("ollama/", "")
            interpreter.system_message = name
            interpreter.llm.max_tokens = 1000
            """);

        Assert.Equal(["llm.model", "computer.skills.path", "system_message", "llm.max_tokens"], layer.Entries.Select(e => e.Key));
        Assert.Equal("codestral", Text(layer, "system_message"));
        Assert.Equal("1000", Text(layer, "llm.max_tokens"));
        Assert.EndsWith("profile.py:2", layer.Entries[0].Value.Location);
    }

    [Fact]
    public void Unset_settings_read_back_as_OI_s_defaults()
    {
        var layer = Load("""
            from interpreter import interpreter
            interpreter.custom_instructions = f"{interpreter.llm.model} {interpreter.auto_run} {interpreter.llm.max_tokens}"
            """);

        Assert.Equal("gpt-4o False None", Text(layer, "custom_instructions"));
    }

    [Fact]
    public void Method_calls_are_no_ops_or_one_warning_each()
    {
        var layer = Load("""
            from interpreter import interpreter
            interpreter.llm.load()
            interpreter.display_message("> shown")
            interpreter.computer.run("python", "x = 1")
            interpreter.computer.vision.load()
            """);

        Assert.Empty(layer.Entries);
        Assert.Equal(2, layer.Warnings.Count);
        Assert.EndsWith("profile.py:4: computer.run('python', …) was not run: a profile cannot run code in the sessions here.", layer.Warnings[0]);
        Assert.EndsWith("profile.py:5: interpreter.computer.vision.load() is not supported here; ignored.", layer.Warnings[1]);
    }

    [Fact]
    public void Language_classes_become_their_names_and_lists_stay_lists()
    {
        var layer = Load("""
            from interpreter import interpreter
            from interpreter.core.computer.terminal.languages.python import Python
            from interpreter.core.computer.terminal.languages.shell import Shell
            interpreter.computer.languages = [Python, Shell]
            interpreter.loop_breakers = ["DONE", "STUCK"]
            """);

        Assert.Equal(["python", "shell"], layer.Entries.Single(e => e.Key == "computer.languages").Value.Items);
        Assert.Equal(["DONE", "STUCK"], layer.Entries.Single(e => e.Key == "loop_breakers").Value.Items);
    }

    [Fact]
    public void A_profile_can_filter_OI_s_default_languages()
    {
        var layer = Load("""
            from interpreter import interpreter
            interpreter.computer.languages = [l for l in interpreter.computer.languages if l.name.lower() in ["python", "shell"]]
            """);

        Assert.Equal(["python", "shell"], layer.Entries.Single(e => e.Key == "computer.languages").Value.Items);
    }

    [Fact]
    public void Modules_that_are_not_installed_are_stood_in_for_and_named_once()
    {
        var layer = Load("""
            from interpreter import interpreter
            import inquirer
            import psutil_not_here
            answers = inquirer.prompt([inquirer.List("model", choices=["a"])])
            if answers["model"] == "LM Studio":
                interpreter.llm.api_base = "http://localhost:1234/v1"
            ram = psutil_not_here.virtual_memory().total / (1024 ** 3)
            interpreter.llm.max_tokens = 1200 if ram and ram > 9 else 1000
            """);

        Assert.Equal("1000", Text(layer, "llm.max_tokens"));
        Assert.DoesNotContain(layer.Entries, e => e.Key == "llm.api_base");
        Assert.Contains(layer.Warnings, w => w.Contains("psutil_not_here", StringComparison.Ordinal));
    }

    [Fact]
    public void Libraries_keep_their_own_import_errors_so_subprocess_still_works()
    {
        // subprocess probes for msvcrt to learn it is not on Windows; standing in for it would break every run.
        var layer = Load("""
            from interpreter import interpreter
            import subprocess
            try:
                subprocess.run(["ollama-is-not-installed-here"], capture_output=True, text=True, check=True)
            except FileNotFoundError:
                interpreter.llm.model = "no ollama"
            """);

        Assert.Equal("no ollama", Text(layer, "llm.model"));
        Assert.Empty(layer.Warnings);
    }

    [Fact]
    public void Exit_keeps_the_settings_made_before_it()
    {
        var layer = Load("from interpreter import interpreter\ninterpreter.llm.model = 'ollama/codestral'\nexit()\ninterpreter.llm.model = 'never'\n");

        Assert.Equal("ollama/codestral", Text(layer, "llm.model"));
        Assert.Contains(layer.Warnings, w => w.Contains("profile.py:3: the profile stopped early", StringComparison.Ordinal));
    }

    [Fact]
    public void A_syntax_error_names_its_file_and_line()
    {
        var path = Write("from interpreter import interpreter\ninterpreter.llm.model = 'x'\nif True\n");
        var error = Assert.Throws<SettingsException>(() => PythonProfile.Load(path, _folder));
        Assert.StartsWith($"{path}:3: the profile is not valid Python:", error.Message);
    }

    [Fact]
    public void Input_gets_no_answer_and_the_failure_names_the_line()
    {
        var path = Write("from interpreter import interpreter\nanswer = input('(y/n) > ')\n");
        var error = Assert.Throws<SettingsException>(() => PythonProfile.Load(path, _folder));
        Assert.Equal($"{path}:2: the profile raised EOFError: the profile asked for input, and profiles run without a terminal here", error.Message);
    }

    [Fact]
    public void Double_brace_blocks_of_a_system_message_are_run_once()
    {
        var layer = Load("from interpreter import interpreter\ninterpreter.system_message = '''OS: {{\nprint(2 + 3)\n}} end'''\n");
        Assert.Equal("OS: 5\n end", Text(layer, "system_message"));
    }
}
