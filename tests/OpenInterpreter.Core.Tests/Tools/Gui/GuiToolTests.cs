using OpenInterpreter.Core.Conversation;
using OpenInterpreter.Core.Messages;
using OpenInterpreter.Core.Tools;
using OpenInterpreter.Core.Tools.Gui;
using Xunit;

namespace OpenInterpreter.Core.Tests.Tools.Gui;

public sealed class GuiToolTests
{
    /// <summary>A 1600×1000 screen that records what was done to it; typing waits for cancellation when told to.</summary>
    private sealed class RecordingScreen(bool typingHangs = false) : IScreen
    {
        public List<string> Done { get; } = [];

        public Task<ScreenScale> GetScaleAsync(CancellationToken cancellationToken) => Task.FromResult(new ScreenScale(1600, 1000));

        public Task<byte[]> ScreenshotAsync(ScreenScale scale, CancellationToken cancellationToken)
        {
            Done.Add($"screenshot {scale.Width}x{scale.Height}");
            return Task.FromResult<byte[]>([0x89, 0x50, 0x4E, 0x47]);
        }

        public Task MoveAsync(int x, int y, CancellationToken cancellationToken) => Record($"move {x},{y}");

        public Task ClickAsync(int button, int count, CancellationToken cancellationToken) => Record($"click {button}x{count}");

        public Task DragAsync(int fromX, int fromY, int toX, int toY, CancellationToken cancellationToken) => Record($"drag {fromX},{fromY}->{toX},{toY}");

        public Task KeyAsync(string keys, CancellationToken cancellationToken) => Record($"key {keys}");

        public async Task TypeAsync(string text, CancellationToken cancellationToken)
        {
            if (typingHangs)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            await Record($"type {text}");
        }

        public Task<(int X, int Y)> CursorAsync(CancellationToken cancellationToken) => Task.FromResult((800, 500));

        public Task MouseButtonAsync(int button, bool down, CancellationToken cancellationToken) => Record($"button {button} {(down ? "down" : "up")}");

        public Task HoldKeysAsync(string keys, bool down, CancellationToken cancellationToken) => Record($"keys {keys} {(down ? "down" : "up")}");

        private Task Record(string what)
        {
            Done.Add(what);
            return Task.CompletedTask;
        }
    }

    private sealed class RecordingApprover(bool answer) : ICodeApprover
    {
        public List<ToolAction> Asked { get; } = [];

        public ValueTask<CodeApproval> ApproveAsync(CodeRequest request, CancellationToken cancellationToken) => throw new InvalidOperationException("no code here");

        public ValueTask<CodeApproval> ApproveActionAsync(ToolAction action, CancellationToken cancellationToken)
        {
            Asked.Add(action);
            return ValueTask.FromResult(answer ? CodeApproval.Run() : CodeApproval.Decline(action.DeclinedText));
        }
    }

    private static async Task<(List<LmcChunk> Chunks, List<LmcMessage> Conversation)> CallAsync(IScreen screen, ICodeApprover approver, string arguments, CancellationToken cancellationToken = default)
    {
        var tool = new GuiTool(screen, approver);
        var conversation = new List<LmcMessage>();
        var chunks = new List<LmcChunk>();
        await foreach (var chunk in tool.HandleAsync(new ToolCall(GuiTool.FunctionName, ToolArgumentsJson.Read(arguments), arguments), conversation, cancellationToken))
        {
            chunks.Add(chunk);
        }

        return (chunks, conversation);
    }

    [Fact]
    public async Task A_screenshot_is_taken_at_the_model_size_without_asking_and_kept_as_an_image()
    {
        var screen = new RecordingScreen();
        var approver = new RecordingApprover(true);

        var (chunks, conversation) = await CallAsync(screen, approver, """{"action": "screenshot"}""");

        Assert.Empty(approver.Asked);
        Assert.Equal(["screenshot 1280x800"], screen.Done);
        Assert.Equal("Screenshot of the screen, 1280×800.", conversation[1].Content);
        Assert.Equal(new LmcMessage(LmcRole.Computer, LmcType.Image, "iVBORw==", LmcFormat.Base64Png), conversation[2]);
        Assert.Contains(chunks, c => c.Type == LmcType.Image && c.Content == "iVBORw==");
    }

    [Fact]
    public async Task A_click_is_asked_about_mapped_to_real_pixels_and_followed_by_a_screenshot()
    {
        var screen = new RecordingScreen();
        var approver = new RecordingApprover(true);

        var (_, conversation) = await CallAsync(screen, approver, """{"action": "left_click", "coordinate": [640, 400]}""");

        var asked = Assert.Single(approver.Asked);
        Assert.Equal("Click at (640, 400)?", asked.Prompt);
        Assert.Equal("gui:left_click", asked.Scope);
        Assert.Equal(["move 800,500", "click 1x1", "screenshot 1280x800"], screen.Done);
        Assert.StartsWith("Done: Click at (640, 400).", conversation[1].Content);
        Assert.Equal(LmcType.Image, conversation[2].Type);
    }

    [Theory]
    [InlineData("""{"action": "double_click", "coordinate": [0, 0]}""", "move 0,0|click 1x2")]
    [InlineData("""{"action": "right_click"}""", "click 3x1")]
    [InlineData("""{"action": "scroll", "coordinate": [640, 400], "scroll_direction": "up", "scroll_amount": 2}""", "move 800,500|click 4x2")]
    [InlineData("""{"action": "left_click_drag", "start_coordinate": [0, 0], "coordinate": [640, 400]}""", "drag 0,0->800,500")]
    [InlineData("""{"action": "key", "text": "ctrl+s"}""", "key ctrl+s")]
    [InlineData("""{"action": "type", "text": "hello"}""", "type hello")]
    [InlineData("""{"action": "mouse_move", "coordinate": [1279, 799]}""", "move 1599,999")]
    [InlineData("""{"action": "triple_click", "coordinate": [640, 400]}""", "move 800,500|click 1x3")]
    [InlineData("""{"action": "left_click", "coordinate": [640, 400], "text": "shift"}""", "move 800,500|keys shift down|click 1x1|keys shift up")]
    [InlineData("""{"action": "scroll", "scroll_direction": "down", "text": "ctrl"}""", "keys ctrl down|click 5x3|keys ctrl up")]
    [InlineData("""{"action": "left_mouse_down", "coordinate": [0, 0]}""", "move 0,0|button 1 down")]
    [InlineData("""{"action": "left_mouse_up", "coordinate": [640, 400]}""", "move 800,500|button 1 up")]
    [InlineData("""{"action": "hold_key", "text": "shift", "duration": 0.05}""", "keys shift down|keys shift up")]
    public async Task Each_action_does_what_it_says(string arguments, string expected)
    {
        var screen = new RecordingScreen();
        await CallAsync(screen, new RecordingApprover(true), arguments);
        Assert.Equal(expected.Split('|').Append("screenshot 1280x800"), screen.Done);
    }

    [Fact]
    public async Task Wait_asks_nothing_and_ends_with_a_screenshot()
    {
        var screen = new RecordingScreen();
        var approver = new RecordingApprover(false);

        var (_, conversation) = await CallAsync(screen, approver, """{"action": "wait", "duration": 0.1}""");

        Assert.Empty(approver.Asked);
        Assert.Equal(["screenshot 1280x800"], screen.Done);
        Assert.StartsWith("Waited 0.1 s.", conversation[1].Content);
    }

    [Theory]
    [InlineData("""{"action": "wait"}""")]
    [InlineData("""{"action": "hold_key", "text": "shift", "duration": 500}""")]
    public async Task A_missing_or_too_long_duration_is_an_error_with_an_example(string arguments)
    {
        var screen = new RecordingScreen();

        var (_, conversation) = await CallAsync(screen, new RecordingApprover(true), arguments);

        Assert.Empty(screen.Done);
        Assert.Contains("needs \"duration\", a number of seconds from 0 to 100", conversation[1].Content);
    }

    [Fact]
    public async Task The_cursor_position_is_reported_in_screenshot_pixels()
    {
        var (_, conversation) = await CallAsync(new RecordingScreen(), new RecordingApprover(true), """{"action": "cursor_position"}""");
        Assert.Equal("The pointer is at (640, 400).", conversation[^1].Content);
    }

    [Fact]
    public async Task A_declined_action_is_not_done()
    {
        var screen = new RecordingScreen();
        var (_, conversation) = await CallAsync(screen, new RecordingApprover(false), """{"action": "type", "text": "rm -rf ~"}""");
        Assert.Empty(screen.Done);
        Assert.Equal("Error: The user declined this action: Type \"rm -rf ~\".", conversation[^1].Content);
    }

    [Theory]
    [InlineData("""{"action": "fly"}""", "Error: Unknown action 'fly'")]
    [InlineData("""{"action": "left_click", "coordinate": [1400, 10]}""", "Error: The point (1400, 10) is off the screen, which is 1280×800.")]
    [InlineData("""{"action": "type"}""", "Error: type needs \"text\".")]
    [InlineData("""{"action": "scroll", "scroll_direction": "sideways"}""", "Error: scroll_direction must be up, down, left or right")]
    [InlineData("not json", "Error: The arguments of the computer call were not a JSON object.")]
    public async Task Bad_actions_are_refused_with_the_reason(string arguments, string expected)
    {
        var screen = new RecordingScreen();
        var (_, conversation) = await CallAsync(screen, new RecordingApprover(true), arguments);
        Assert.StartsWith(expected, conversation[^1].Content);
        Assert.DoesNotContain(screen.Done, d => !d.StartsWith("screenshot", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ctrl_c_stops_an_action_at_once_and_the_conversation_says_so()
    {
        using var interrupt = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var conversation = new List<LmcMessage>();
        var tool = new GuiTool(new RecordingScreen(typingHangs: true), new AutoApprover());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in tool.HandleAsync(new ToolCall(GuiTool.FunctionName, ToolArgumentsJson.Read("""{"action": "type", "text": "slow"}"""), null), conversation, interrupt.Token))
            {
            }
        });

        Assert.Equal("[The user interrupted the action.]", conversation[^1].Content);
    }
}
