using System.Buffers.Binary;
using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Cli.Tests.EndToEnd;

public sealed class DesktopControlTests
{
    private static FakeReply Computer(string arguments) => FakeReply.ToolCall("computer", arguments);

    private static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    [Fact]
    public async Task In_os_mode_the_model_sees_a_scaled_screenshot_clicks_into_a_terminal_and_types_a_command()
    {
        var work = Directory.CreateTempSubdirectory("oi-gui-").FullName;
        await using var display = await VirtualDisplay.StartAsync(1600, 1000);
        await display.StartTerminalAsync(work);

        // The screen is 1600×1000, so the model sees 1280×800 and (100, 100) is the real (125, 125), inside the xterm.
        await using var server = FakeModelServer.Start()
            .When(r => r.ToolResults.Count == 0, Computer("""{"action": "screenshot"}"""))
            .When(r => r.ToolResults.Count == 1, Computer("""{"action": "left_click", "coordinate": [100, 100]}"""))
            .When(r => r.ToolResults.Count == 2, Computer("""{"action": "type", "text": "touch gui-was-here.txt\n"}"""))
            .Otherwise(FakeReply.Text("The file is made."));
        await using var interpreter = InterpreterProcess.Start(
            ["--api_base", server.BaseUrl, "--api_key", Session.TestKey, "--model", "gpt-4o", "--os", "-y"],
            work,
            new Dictionary<string, string> { ["DISPLAY"] = display.Name });

        await interpreter.WriteLineAsync("make a file from the terminal on screen");
        await interpreter.WaitForOutputAsync("The file is made.", timeoutSeconds: 60);
        interpreter.CloseInput();
        Assert.Equal(0, await interpreter.WaitForExitAsync());

        var offered = server.Requests[0].Json.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal(["execute", "str_replace_editor", "computer"], offered);
        Assert.Contains("`computer` tool", server.Requests[0].Messages[0].GetProperty("content").GetString());

        var afterScreenshot = server.Requests[1];
        Assert.Equal("Screenshot of the screen, 1280×800.", afterScreenshot.ToolResults.Single());
        Assert.Equal((1280, 800), PngSize(Assert.Single(afterScreenshot.Images)));

        var last = server.Requests.Last();
        Assert.StartsWith("Done: Click at (100, 100).", last.ToolResults[1]);
        Assert.StartsWith("Done: Type \"touch gui-was-here.txt\\n\".", last.ToolResults[2]);
        Assert.Equal(3, last.Images.Count);
        for (var wait = 0; wait < 100 && !File.Exists(Path.Combine(work, "gui-was-here.txt")); wait++)
        {
            await Task.Delay(100);
        }

        Assert.True(File.Exists(Path.Combine(work, "gui-was-here.txt")), "the command typed into the terminal did not run");
    }

    [Fact]
    public async Task In_os_mode_claude_gets_the_native_computer_tool_and_sees_screenshots_inside_tool_results()
    {
        var work = Directory.CreateTempSubdirectory("oi-gui-claude-").FullName;
        await using var display = await VirtualDisplay.StartAsync(1600, 1000);
        await display.StartTerminalAsync(work);

        await using var server = FakeModelServer.Start()
            .When(r => r.ToolResults.Count == 0, Computer("""{"action": "screenshot"}"""))
            .When(r => r.ToolResults.Count == 1, Computer("""{"action": "left_click", "coordinate": [100, 100]}"""))
            .When(r => r.ToolResults.Count == 2, Computer("""{"action": "type", "text": "touch claude-was-here.txt\n"}"""))
            .Otherwise(FakeReply.Text("The file is made."));
        await using var interpreter = InterpreterProcess.Start(
            ["--api_base", server.RootUrl, "--os", "-y"],
            work,
            new Dictionary<string, string> { ["DISPLAY"] = display.Name, ["ANTHROPIC_API_KEY"] = "sk-ant-test-0123456789abcdef" });

        await interpreter.WriteLineAsync("make a file from the terminal on screen");
        await interpreter.WaitForOutputAsync("The file is made.", timeoutSeconds: 60);
        interpreter.CloseInput();
        Assert.Equal(0, await interpreter.WaitForExitAsync());

        var first = server.Requests[0];
        Assert.EndsWith("/v1/messages", first.Path);
        Assert.Equal("claude-sonnet-4-5", first.Json.GetProperty("model").GetString());
        Assert.Equal("computer-use-2025-01-24", first.Headers["anthropic-beta"]);
        var computer = Assert.Single(first.Json.GetProperty("tools").EnumerateArray(), t => t.GetProperty("name").GetString() == "computer");
        Assert.Equal("computer_20250124", computer.GetProperty("type").GetString());
        Assert.Equal(1280, computer.GetProperty("display_width_px").GetInt32());
        Assert.Equal(800, computer.GetProperty("display_height_px").GetInt32());
        Assert.False(computer.TryGetProperty("input_schema", out _));

        var afterScreenshot = server.Requests[1];
        Assert.Equal("Screenshot of the screen, 1280×800.", afterScreenshot.ToolResults.Single());
        Assert.Equal((1280, 800), PngSize(Assert.Single(afterScreenshot.ToolResultImages)));
        Assert.Single(afterScreenshot.Images);

        var last = server.Requests.Last();
        Assert.StartsWith("Done: Click at (100, 100).", last.ToolResults[1]);
        Assert.StartsWith("Done: Type \"touch claude-was-here.txt\\n\".", last.ToolResults[2]);
        Assert.Equal(3, last.ToolResultImages.Count);
        for (var wait = 0; wait < 100 && !File.Exists(Path.Combine(work, "claude-was-here.txt")); wait++)
        {
            await Task.Delay(100);
        }

        Assert.True(File.Exists(Path.Combine(work, "claude-was-here.txt")), "the command typed into the terminal did not run");
    }

    [Fact]
    public async Task Without_a_display_the_model_is_told_in_one_line_what_is_missing()
    {
        await using var server = FakeModelServer.Start()
            .When(r => r.ToolResults.Count == 0, Computer("""{"action": "screenshot"}"""))
            .Otherwise(FakeReply.Text("No screen here."));
        await using var interpreter = InterpreterProcess.Start(
            ["--api_base", server.BaseUrl, "--api_key", Session.TestKey, "--model", "gpt-4o", "--tools", "gui", "-y", "--stdin"],
            environment: new Dictionary<string, string> { ["DISPLAY"] = "" });

        await interpreter.WriteLineAsync("look at the screen");
        interpreter.CloseInput();
        Assert.Equal(0, await interpreter.WaitForExitAsync());

        Assert.StartsWith("Error: There is no X display (DISPLAY is not set)", server.Requests.Last().ToolResults.Single());
    }
}
