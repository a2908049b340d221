using OpenInterpreter.Cli.Tests.EndToEnd;
using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Cli.Tests.Settings;

/// <summary>
/// OI's Python profiles (written here in the shapes OI's built-in ones have) load and set what the next request carries.
/// </summary>
public sealed class PythonProfileTests
{
    private readonly string _home = Directory.CreateTempSubdirectory("oi-python-profile-").FullName;

    private string Write(string name, string text)
    {
        var folder = Path.Combine(_home, ".config", "open-interpreter", "profiles");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private async Task<InterpreterProcess> AskAsync(string[] args, string message = "hello", int exitCode = 0)
    {
        var interpreter = InterpreterProcess.Start(args, home: _home);
        await interpreter.WriteLineAsync(message);
        interpreter.CloseInput();
        Assert.Equal(exitCode, await interpreter.WaitForExitAsync());
        return interpreter;
    }

    [Fact]
    public async Task A_python_profile_sets_the_model_endpoint_limits_and_user_template_of_the_next_request()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("ok"));
        Write("work.py", $$"""
            from interpreter import interpreter
            import os

            interpreter.llm.model = "openai/my-coder"
            interpreter.llm.api_base = "{{server.BaseUrl}}"
            interpreter.llm.api_key = os.environ.get("NO_SUCH_VARIABLE", "sk-from-profile")
            interpreter.llm.context_window = 16000
            interpreter.llm.max_tokens = 900
            interpreter.llm.temperature = 0.25
            interpreter.llm.load()  # Loads Ollama models
            interpreter.user_message_template = "{content} (answer briefly)"
            interpreter.custom_instructions = f"Today is {1 + 1}."
            interpreter.display_message("> Work profile loaded")
            """);

        await using var interpreter = await AskAsync(["--stdin", "--profile", "work"]);

        var request = server.Requests.Single();
        Assert.Equal("my-coder", request.Json.GetProperty("model").GetString());
        Assert.Equal(900, request.Json.GetProperty("max_tokens").GetInt32());
        Assert.Equal(0.25, request.Json.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal("hello (answer briefly)", request.LastMessageText);
        Assert.EndsWith("Today is 2.", request.SystemText.Split("\n\n")[0..^0].First(p => p.Contains("Today is", StringComparison.Ordinal)));
        Assert.Equal("Bearer sk-from-profile", request.Headers["Authorization"]);
        Assert.Contains("> Work profile loaded", interpreter.Stderr);
    }

    [Fact]
    public async Task A_llama3_style_code_output_template_shapes_the_message_that_carries_the_output()
    {
        await using var server = FakeModelServer.Start()
            .WhenLastMessageContains("multiply", FakeReply.Text("On it.\n```python\nprint(6 * 7)\n```"))
            .Otherwise(FakeReply.Text("It is 42."));
        Write("llama3.py", $$"""
            from interpreter import interpreter

            interpreter.system_message = "You write markdown code snippets."
            interpreter.code_output_template = '''I executed that code. This was the output: \"\"\"{content}\"\"\"\n\nWhat does this output mean?'''
            interpreter.empty_code_output_template = "The code produced no output."
            interpreter.code_output_sender = "user"
            interpreter.llm.model = "openai/codestral"
            interpreter.llm.api_base = "{{server.BaseUrl}}"
            interpreter.llm.supports_functions = False
            interpreter.llm.execution_instructions = False
            interpreter.llm.max_tokens = 1000
            interpreter.llm.context_window = 7000
            interpreter.llm.load()
            interpreter.computer.import_computer_api = False
            interpreter.auto_run = True
            interpreter.offline = True
            """);

        await using var interpreter = await AskAsync(["--stdin", "--profile", "llama3"], "multiply 6 by 7");

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal("I executed that code. This was the output: \"\"\"42\"\"\"\n\nWhat does this output mean?", server.Requests[1].LastMessageText);
        Assert.Equal("You write markdown code snippets.", server.Requests[0].SystemText.Split("\n\n")[0]);
        Assert.DoesNotContain("fenced code block", server.Requests[0].SystemText);
        Assert.Contains("It is 42.", interpreter.Stdout);
    }

    [Fact]
    public async Task Calls_it_cannot_honour_are_one_warning_each_and_unknown_settings_are_named()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("ok"));
        var path = Write("assistant.py", $$"""
            from interpreter import interpreter
            import some_module_that_is_not_installed

            interpreter.llm.api_base = "{{server.BaseUrl}}"
            interpreter.llm.api_key = "sk-test"
            interpreter.computer.run("python", "computer")
            interpreter.sync_computer = True
            interpreter.auto_run = True
            """);

        await using var interpreter = await AskAsync(["--stdin", "--profile", "assistant.py"]);

        var warnings = interpreter.Stderr.Split('\n').Where(l => l.StartsWith("interpreter: warning:", StringComparison.Ordinal)).ToList();
        Assert.Contains(warnings, w => w.Contains($"{path}:6: computer.run('python', …) was not run", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains($"{path}:7: unknown setting 'sync_computer' ignored.", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("some_module_that_is_not_installed", StringComparison.Ordinal));
        Assert.Equal(3, warnings.Count);
    }

    [Fact]
    public async Task A_profile_that_raises_is_one_line_with_its_file_and_line()
    {
        var path = Write("broken.py", "from interpreter import interpreter\ninterpreter.llm.model = 'gpt-4o'\nraise RuntimeError('no GPU here')\n");

        await using var interpreter = await AskAsync(["--stdin", "--profile", "broken"], exitCode: 2);

        Assert.Equal($"interpreter: error: {path}:3: the profile raised RuntimeError: no GPU here Fix the profile there, or move the file away.\n", interpreter.Stderr);
    }

    [Fact]
    public async Task A_profile_with_a_syntax_error_names_its_line()
    {
        var path = Write("typo.py", "from interpreter import interpreter\n\ninterpreter.llm.model = (\n");

        await using var interpreter = await AskAsync(["--stdin", "--profile", "typo"], exitCode: 2);

        Assert.StartsWith($"interpreter: error: {path}:3: the profile is not valid Python:", interpreter.Stderr);
        Assert.Single(interpreter.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task Os_true_in_a_profile_declares_the_computer_tool_as_os_does()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("ok"));
        Write("desk.yaml", "os: true\n");

        await using var interpreter = await AskAsync(["--stdin", "--profile", "desk", "-m", "gpt-4o", "--api_base", server.BaseUrl, "--api_key", Session.TestKey]);

        var tools = server.Requests.Single().Json.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString()).ToList();
        Assert.Contains("computer", tools);
        Assert.Contains("execute", tools);
    }

    [Fact]
    public async Task A_profile_s_messages_start_the_conversation()
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("ok"));
        Write("fewshot.py", $$"""
            from interpreter import interpreter
            interpreter.llm.api_base = "{{server.BaseUrl}}"
            interpreter.llm.api_key = "sk-test"
            interpreter.messages = [
                {"role": "user", "type": "message", "content": "Open the chrome app."},
                {"role": "assistant", "type": "message", "content": "On it."},
            ]
            """);

        await using var interpreter = await AskAsync(["--stdin", "--profile", "fewshot"]);

        var texts = server.Requests.Single().Messages.Skip(1).Select(RecordedRequest.ContentText).ToList();
        Assert.Equal(["Open the chrome app.", "On it.", "hello"], texts);
    }

    [Fact]
    public async Task A_local_few_shot_profile_gets_past_its_ollama_probe_and_input_to_the_settings_the_request_carries()
    {
        // The shape of OI's codestral-os.py and local-os.py: probe Ollama (exit when that fails), pull the model, ask
        // whether to install packages, then few-shot messages with the login name, templates and the old loop names.
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("ok"));
        var path = Write("local-coder.py", $$"""
            import os
            import subprocess
            from interpreter import interpreter

            try:
                result = subprocess.run(["ollama", "list"], capture_output=True, text=True, check=True)
            except Exception:
                exit()
            if "tiny-coder" not in result.stdout:
                subprocess.run(["ollama", "pull", "tiny-coder"], check=True)
            interpreter.messages = []
            interpreter.messages = [
                {"role": "user", "type": "message", "content": f"I am {os.getlogin()}."},
                {"role": "assistant", "type": "message", "content": "Noted."},
            ]
            interpreter.user_message_template = "{content} (send code I can run)"
            interpreter.force_task_completion_breakers = ["<END>"]
            interpreter.llm.model = "openai/tiny-coder"
            interpreter.llm.api_base = "{{server.BaseUrl}}"
            interpreter.llm.api_key = "sk-test"
            interpreter.computer.system_message = ""
            interpreter.computer.system_message = ""
            missing = ["pyautogui"]
            if missing:
                answer = input("Install them? (y/n) > ")
            interpreter.llm.model = "never-reached"
            """);

        await using var interpreter = await AskAsync(["--stdin", "--profile", "local-coder"]);

        var request = server.Requests.Single();
        Assert.Equal("tiny-coder", request.Json.GetProperty("model").GetString());
        var texts = request.Messages.Skip(1).Select(RecordedRequest.ContentText).ToList();
        Assert.Equal(3, texts.Count);
        Assert.Matches("^I am .+\\.$", texts[0]);
        Assert.Equal(["Noted.", "hello (send code I can run)"], texts[1..]);
        var warnings = interpreter.Stderr.Split('\n').Where(l => l.StartsWith("interpreter: warning:", StringComparison.Ordinal)).ToList();
        Assert.Contains(warnings, w => w.Contains($"{path}:10: `ollama pull tiny-coder` was not run", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains($"{path}:25: the profile asked for input, which a profile cannot get here", StringComparison.Ordinal));
        Assert.DoesNotContain(warnings, w => w.Contains("computer.system_message", StringComparison.Ordinal) || w.Contains("force_task_completion", StringComparison.Ordinal));
    }
}

/// <summary>OI's <c>conversation_history: false</c>: nothing is written to the conversations folder.</summary>
public sealed class ConversationHistoryKeyTests
{
    [Theory]
    [InlineData("conversation_history: false\n", 0)]
    [InlineData("conversation_history: true\n", 1)]
    public async Task Conversation_history_false_saves_no_conversation(string profile, int files)
    {
        var home = Directory.CreateTempSubdirectory("oi-history-key-").FullName;
        var config = Path.Combine(home, ".config", "open-interpreter");
        Directory.CreateDirectory(Path.Combine(config, "profiles"));
        File.WriteAllText(Path.Combine(config, "profiles", "quiet.yaml"), profile);
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("ok"));
        await using var interpreter = Session.StartAt(home, server, "--stdin", "--profile", "quiet");
        await interpreter.WriteLineAsync("hello");
        interpreter.CloseInput();

        Assert.Equal(0, await interpreter.WaitForExitAsync());
        var folder = Path.Combine(config, "conversations");
        Assert.Equal(files, Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json").Length : 0);
    }
}
