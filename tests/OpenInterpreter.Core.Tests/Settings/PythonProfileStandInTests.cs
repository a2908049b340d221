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
    public void Input_gets_no_answer_and_stops_the_profile_keeping_the_settings_before_it()
    {
        // The profile's own `except Exception` must not take the missing answer for one and go on.
        var layer = Load("""
            from interpreter import interpreter
            interpreter.llm.model = "ollama/llama3"
            try:
                answer = input("(y/n) > ")
            except Exception:
                answer = "y"
            interpreter.llm.model = "never"
            """);

        Assert.Equal("ollama/llama3", Text(layer, "llm.model"));
        Assert.EndsWith("profile.py:4: the profile asked for input, which a profile cannot get here (no terminal); it stopped there, and the settings made before apply.", Assert.Single(layer.Warnings));
    }

    [Fact]
    public void An_empty_messages_list_is_an_empty_conversation()
    {
        var layer = Load("from interpreter import interpreter\ninterpreter.messages = [{'role': 'user', 'type': 'message', 'content': 'hi'}]\ninterpreter.messages = []\n");

        Assert.Equal(["""[{"role": "user", "type": "message", "content": "hi"}]""", "[]"], layer.Entries.Select(e => e.Value.Text));
        Assert.Empty(SettingsLoader.Apply([layer]).Settings.Messages!);
    }

    [Fact]
    public void Probing_ollama_for_the_model_does_not_stop_the_profile_and_a_pull_is_never_run()
    {
        var layer = Load("""
            from interpreter import interpreter
            import subprocess
            try:
                result = subprocess.run(["ollama", "list"], capture_output=True, text=True, check=True)
            except Exception:
                exit()
            names = [line.split()[0].replace(":latest", "") for line in result.stdout.split("\n")[1:] if line.strip()]
            if "no-such-model-here" not in names:
                subprocess.run(["ollama", "pull", "no-such-model-here"], check=True)
            interpreter.llm.model = "ollama/no-such-model-here"
            """);

        Assert.Equal("ollama/no-such-model-here", Text(layer, "llm.model"));
        Assert.Contains(layer.Warnings, w => w.EndsWith("profile.py:9: `ollama pull no-such-model-here` was not run: a profile only sets settings here (run it yourself if Ollama does not have the model yet).", StringComparison.Ordinal));
        Assert.DoesNotContain(layer.Warnings, w => w.Contains("stopped early", StringComparison.Ordinal));
    }

    [Fact]
    public void Os_getlogin_answers_without_a_terminal()
    {
        // The runner's python3 has no controlling terminal; OI's few-shot profiles put the login name in their messages.
        var layer = Load("from interpreter import interpreter\nimport os\ninterpreter.custom_instructions = f'User: {os.getlogin()}'\n");

        Assert.Matches("^User: .+", Text(layer, "custom_instructions"));
        Assert.Empty(layer.Warnings);
    }

    [Fact]
    public void What_the_commands_a_profile_runs_print_goes_to_the_terminal_not_into_the_result()
    {
        var layer = Load("from interpreter import interpreter\nimport os, subprocess\nos.system('echo from-os-system')\nsubprocess.run(['echo', '{not json'])\ninterpreter.llm.model = 'after-the-commands'\n");

        Assert.Equal("after-the-commands", Text(layer, "llm.model"));
        Assert.Empty(layer.Warnings);
    }

    [Fact]
    public void A_display_message_of_the_profile_s_own_is_used_by_its_calls_and_named_once()
    {
        var layer = Load("""
            from interpreter import interpreter
            def quiet(markdown):
                interpreter.custom_instructions = "seen: " + markdown
            interpreter.display_message = quiet
            interpreter.display_message("> Model set")
            """);

        Assert.Equal("seen: > Model set", Text(layer, "custom_instructions"));
        Assert.DoesNotContain(layer.Entries, e => e.Key == "display_message");
        Assert.EndsWith("profile.py:4: interpreter.display_message was replaced by the profile: its own calls use the new one, this program's display and conversation do not.", Assert.Single(layer.Warnings));
    }

    [Fact]
    public void An_attribute_of_OI_s_with_no_value_here_reads_as_empty_text_and_says_so()
    {
        var layer = Load("""
            from interpreter import interpreter
            interpreter.custom_instructions = f"Vision model: {interpreter.computer.vision.model}. Skills: {interpreter.computer.skills.path}"
            """);

        Assert.Equal($"Vision model: . Skills: {Path.Combine(_folder, "skills")}", Text(layer, "custom_instructions"));
        Assert.EndsWith("profile.py:2: interpreter.computer.vision.model was read, which has no value here; it reads as empty.", Assert.Single(layer.Warnings));
    }

    [Fact]
    public void Local_setup_and_chat_name_what_to_use_instead()
    {
        var layer = Load("from interpreter import interpreter\ninterpreter.local_setup()\nfor chunk in interpreter.chat(display=True, stream=True):\n    pass\n");

        Assert.Equal(2, layer.Warnings.Count);
        Assert.Contains("use interpreter --local to pick a local model", layer.Warnings[0]);
        Assert.EndsWith("profile.py:3: interpreter.chat() was not run: a profile only sets settings here; the conversation starts once it has loaded.", layer.Warnings[1]);
    }

    [Fact]
    public void Double_brace_blocks_of_a_system_message_are_run_once()
    {
        var layer = Load("from interpreter import interpreter\ninterpreter.system_message = '''OS: {{\nprint(2 + 3)\n}} end'''\n");
        Assert.Equal("OS: 5\n end", Text(layer, "system_message"));
    }

    [Fact]
    public void A_block_shows_its_last_expression_as_a_notebook_cell_does()
    {
        // OI's blocks run in its Python session, where datetime was imported: `{{ tasks }}`, `{{datetime…}}`.
        var layer = Load("from interpreter import interpreter\ninterpreter.system_message = 'Tasks: {{ [1, 2] }} Year: {{datetime.date(2024, 5, 1).year}}'\n");

        Assert.Equal("Tasks: [1, 2]\n Year: 2024\n", Text(layer, "system_message"));
        Assert.Empty(layer.Warnings);
    }

    [Fact]
    public void Only_the_value_a_key_ends_with_has_its_blocks_run()
    {
        var layer = Load("from interpreter import interpreter\ninterpreter.system_message = 'old {{ 1 / 0 }}'\ninterpreter.system_message = 'new {{ 6 * 7 }}'\n");

        Assert.Equal("new 42\n", layer.Entries.Last().Value.Text);
        Assert.Empty(layer.Warnings);
    }

    [Fact]
    public void A_block_that_calls_the_computer_api_shows_nothing_and_says_so()
    {
        var layer = Load("from interpreter import interpreter\n\ninterpreter.system_message = 'Skills: {{computer.skills.list()}}.'\n");

        Assert.Equal("Skills: .", Text(layer, "system_message"));
        Assert.EndsWith("profile.py:3: system_message: a {{ }} block called interpreter.computer.skills.list(), which does not exist here; it shows nothing.", Assert.Single(layer.Warnings));
    }
}
