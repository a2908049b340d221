using Microsoft.Extensions.AI;
using OpenInterpreter.Core.Conversation;
using OpenInterpreter.Core.Messages;
using OpenInterpreter.Core.Models;
using OpenInterpreter.Core.Tools.Gui;
using OpenInterpreter.Testing;
using Xunit;

namespace OpenInterpreter.Core.Tests.Models;

public sealed class AnthropicComputerUseTests
{
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3, 4];

    private static AIFunctionDeclaration OtherTool() =>
        AIFunctionFactory.CreateDeclaration("execute", "Runs code.", System.Text.Json.JsonDocument.Parse("""{"type": "object", "properties": {}}""").RootElement);

    private static async Task<RecordedRequest> SendAsync(string model, IList<AITool> tools, IReadOnlyList<LmcMessage> conversation)
    {
        await using var server = FakeModelServer.Start().Otherwise(FakeReply.Text("ok"));
        using var client = new AnthropicChatClient(new HttpClient(), new Uri(server.RootUrl + "/"), "sk-ant-test", model, 1024);
        await client.GetResponseAsync(ChatHistory.Build("You operate a desktop.", conversation), new ChatOptions { Tools = tools });
        return Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_screen_tool_goes_to_claude_as_the_native_computer_tool_with_its_beta_header()
    {
        var computer = new ScreenToolDeclaration(GuiDeclaration.Create("computer", new ScreenScale(1600, 1000)), 1280, 800);

        var request = await SendAsync("claude-sonnet-4-5", [OtherTool(), computer], [LmcMessage.UserText("open a terminal")]);

        Assert.Equal("computer-use-2025-01-24", request.Headers["anthropic-beta"]);
        var tools = request.Json.GetProperty("tools").EnumerateArray().ToList();
        Assert.Equal(2, tools.Count);
        Assert.Equal("execute", tools[0].GetProperty("name").GetString());
        Assert.True(tools[0].TryGetProperty("input_schema", out _));
        var native = tools[1];
        Assert.Equal("computer_20250124", native.GetProperty("type").GetString());
        Assert.Equal("computer", native.GetProperty("name").GetString());
        Assert.Equal(1280, native.GetProperty("display_width_px").GetInt32());
        Assert.Equal(800, native.GetProperty("display_height_px").GetInt32());
        Assert.False(native.TryGetProperty("input_schema", out _), "the native tool carries no JSON schema");
        Assert.Single(tools, t => t.GetProperty("name").GetString() == "computer");
    }

    [Fact]
    public async Task Newer_claude_models_get_the_newer_computer_tool_version()
    {
        var computer = new ScreenToolDeclaration(GuiDeclaration.Create("computer", null), 1024, 768);

        var request = await SendAsync("claude-opus-4-5-20251101", [computer], [LmcMessage.UserText("hi")]);

        Assert.Equal("computer-use-2025-11-24", request.Headers["anthropic-beta"]);
        Assert.Equal("computer_20251124", request.Json.GetProperty("tools")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Without_a_screen_tool_there_is_no_beta_header_and_tools_keep_their_schema()
    {
        var request = await SendAsync("claude-sonnet-4-5", [OtherTool(), GuiDeclaration.Create("computer", null)], [LmcMessage.UserText("hi")]);

        Assert.False(request.Headers.ContainsKey("anthropic-beta"));
        Assert.All(request.Json.GetProperty("tools").EnumerateArray(), t => Assert.True(t.TryGetProperty("input_schema", out _)));
    }

    [Fact]
    public async Task A_screenshot_after_an_action_goes_back_inside_the_tool_result()
    {
        var computer = new ScreenToolDeclaration(GuiDeclaration.Create("computer", null), 1280, 800);
        LmcMessage[] conversation =
        [
            LmcMessage.UserText("look"),
            new(LmcRole.Assistant, LmcType.Code, """{"action": "screenshot"}""", "computer"),
            LmcMessage.ConsoleOutput("Screenshot of the screen, 1280×800."),
            new(LmcRole.Computer, LmcType.Image, Convert.ToBase64String(Png), LmcFormat.Base64Png),
        ];

        var request = await SendAsync("claude-sonnet-4-5", [computer], conversation);

        var last = request.Messages[^1];
        Assert.Equal("user", last.GetProperty("role").GetString());
        var result = Assert.Single(last.GetProperty("content").EnumerateArray());
        Assert.Equal("tool_result", result.GetProperty("type").GetString());
        Assert.Equal("Screenshot of the screen, 1280×800.", RecordedRequest.ContentText(result));
        var image = result.GetProperty("content")[1];
        Assert.Equal("image", image.GetProperty("type").GetString());
        Assert.Equal("image/png", image.GetProperty("source").GetProperty("media_type").GetString());
        Assert.Equal(Png, Assert.Single(request.ToolResultImages));
        Assert.Equal(Png, Assert.Single(request.Images));
    }
}
