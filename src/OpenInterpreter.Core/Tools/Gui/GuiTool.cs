using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenInterpreter.Core.Conversation;
using OpenInterpreter.Core.Messages;

namespace OpenInterpreter.Core.Tools.Gui;

/// <summary>
/// The <c>gui</c> tool: Anthropic's computer-use actions as a JSON-schema function named <c>computer</c>. Each action
/// that changes the screen is confirmed (<c>Click at (640, 400)? (y/n/a)</c>, where <c>a</c> allows that kind of
/// action), done, and followed by a screenshot the model sees as an image; coordinates are in screenshot pixels.
/// </summary>
public sealed class GuiTool(IScreen screen, ICodeApprover approver) : ITool
{
    public const string ToolName = ToolNames.Gui;
    public const string FunctionName = "computer";
    private const int DefaultScrollAmount = 3;
    private const int MaxSeconds = 100;

    private ScreenScale? _scale;

    public string Name => ToolName;

    public string Instructions => """
        You can operate this computer's desktop with the `computer` tool: take a screenshot to see the screen, then
        move and click the mouse, type and press keys. Coordinates are pixels of the screenshot. After each action you
        get a new screenshot: look at it to check the action worked before the next one. Prefer keyboard shortcuts
        where they are reliable, and code (`execute`) where the task needs no screen at all.
        """;

    /// <summary>
    /// The JSON-schema declaration; with the screen's size once it is known, so a provider with a native computer-use
    /// tool (Anthropic) can offer that, which needs the size before the first screenshot.
    /// </summary>
    public AITool Declare()
    {
        var scale = _scale ??= ProbeScale();
        var declaration = GuiDeclaration.Create(FunctionName, scale);
        return scale is null ? declaration : new ScreenToolDeclaration(declaration, scale.Width, scale.Height);
    }

    // Declarations are synchronous; asking the screen its size is one short xdotool run, and without a usable desktop
    // the plain declaration goes out so the first action reports what is missing.
    private ScreenScale? ProbeScale()
    {
        try
        {
            return screen.GetScaleAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (GuiException)
        {
            return null;
        }
    }

    public bool Handles(string functionName) => functionName == FunctionName;

    public async IAsyncEnumerable<LmcChunk> HandleAsync(ToolCall call, List<LmcMessage> conversation, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var arguments = (call.ArgumentsFailed ? null : call.Arguments) ?? ToolArgumentsJson.Read(call.RawArguments);
        conversation.Add(new LmcMessage(LmcRole.Assistant, LmcType.Code, arguments is null ? call.RawArguments ?? "" : ToolArgumentsJson.Write(arguments), FunctionName));

        var outcome = await ActAsync(arguments, conversation, cancellationToken).ConfigureAwait(false);
        conversation.Add(LmcMessage.ConsoleOutput(outcome.Text));
        foreach (var chunk in ToolResult.Output(outcome.Text))
        {
            yield return chunk;
        }

        if (outcome.Png is { } png)
        {
            var base64 = Convert.ToBase64String(png);
            conversation.Add(new LmcMessage(LmcRole.Computer, LmcType.Image, base64, LmcFormat.Base64Png));
            yield return new LmcChunk(LmcRole.Computer, LmcType.Image, LmcFormat.Base64Png, Start: true);
            yield return new LmcChunk(LmcRole.Computer, LmcType.Image, LmcFormat.Base64Png, base64);
            yield return new LmcChunk(LmcRole.Computer, LmcType.Image, LmcFormat.Base64Png, End: true);
        }
    }

    /// <summary>What an action left: the text the model reads and, after most actions, a screenshot.</summary>
    private sealed record Outcome(string Text, byte[]? Png = null);

    private async Task<Outcome> ActAsync(IDictionary<string, object?>? arguments, List<LmcMessage> conversation, CancellationToken cancellationToken)
    {
        try
        {
            if (arguments is null)
            {
                throw new GuiException($"The arguments of the {FunctionName} call were not a JSON object. {GuiDeclaration.Usage}");
            }

            var action = ToolArgument.String(arguments, "action");
            if (action is null || !GuiDeclaration.Actions.Contains(action))
            {
                throw new GuiException($"Unknown action '{action}'; the actions are {string.Join(", ", GuiDeclaration.Actions)}.");
            }

            var scale = _scale = await screen.GetScaleAsync(cancellationToken).ConfigureAwait(false);
            if (action == "screenshot")
            {
                return new Outcome($"Screenshot of the screen, {scale.Width}×{scale.Height}.", await screen.ScreenshotAsync(scale, cancellationToken).ConfigureAwait(false));
            }

            if (action == "cursor_position")
            {
                var (realX, realY) = await screen.CursorAsync(cancellationToken).ConfigureAwait(false);
                var (x, y) = scale.ToModel(realX, realY);
                return new Outcome($"The pointer is at ({x}, {y}).");
            }

            if (action == "wait")
            {
                // Waiting changes nothing, so it asks nothing; the screenshot after it shows what the wait was for.
                var seconds = Seconds(arguments, action);
                await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken).ConfigureAwait(false);
                return new Outcome($"Waited {seconds:0.##} s. Screenshot after it, {scale.Width}×{scale.Height}.", await screen.ScreenshotAsync(scale, cancellationToken).ConfigureAwait(false));
            }

            var (description, perform) = Plan(action, arguments, scale);
            var approval = await approver.ApproveActionAsync(
                new ToolAction($"{description}?", $"gui:{action}", $"The user declined this action: {description}."), cancellationToken).ConfigureAwait(false);
            if (!approval.Approved)
            {
                return new Outcome($"Error: {approval.DeclineReason}");
            }

            await perform(cancellationToken).ConfigureAwait(false);

            // The model checks its work on the screenshot, so one follows every action, once the screen settled.
            await Task.Delay(TimeSpan.FromMilliseconds(300), cancellationToken).ConfigureAwait(false);
            return new Outcome($"Done: {description}. Screenshot after it, {scale.Width}×{scale.Height}.", await screen.ScreenshotAsync(scale, cancellationToken).ConfigureAwait(false));
        }
        catch (GuiException e)
        {
            return new Outcome($"Error: {e.Message}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            conversation.Add(LmcMessage.ConsoleOutput("[The user interrupted the action.]"));
            throw;
        }
    }

    /// <summary>Reads an action's arguments into what the user is asked and the work to do after a yes.</summary>
    private (string Description, Func<CancellationToken, Task> Perform) Plan(string action, IDictionary<string, object?> arguments, ScreenScale scale)
    {
        var point = ToolArgument.Integers(arguments, "coordinate");
        if (point is not null && point.Length != 2)
        {
            throw new GuiException($"coordinate must be [x, y], two whole numbers. {GuiDeclaration.Usage}");
        }

        (int X, int Y)? target = point is null ? null : scale.ToReal(point[0], point[1]);
        var at = point is null ? "" : $" at ({point[0]}, {point[1]})";

        // Computer use lets the model hold keys (shift, ctrl) during a click or scroll, in "text".
        var held = action is "key" or "type" or "hold_key" ? null : ToolArgument.String(arguments, "text") is { Length: > 0 } modifiers ? modifiers : null;
        var holding = held is null ? "" : $" holding {held}";

        Func<CancellationToken, Task> Click(int button, int count) => async ct =>
        {
            if (target is { } t)
            {
                await screen.MoveAsync(t.X, t.Y, ct).ConfigureAwait(false);
            }

            await HoldingAsync(held, () => screen.ClickAsync(button, count, ct), ct).ConfigureAwait(false);
        };

        Func<CancellationToken, Task> Button(bool down) => async ct =>
        {
            if (target is { } t)
            {
                await screen.MoveAsync(t.X, t.Y, ct).ConfigureAwait(false);
            }

            await screen.MouseButtonAsync(1, down, ct).ConfigureAwait(false);
        };

        switch (action)
        {
            case "key":
                var keys = Text(arguments, action);
                return ($"Press {keys}", ct => screen.KeyAsync(keys, ct));
            case "type":
                var text = Text(arguments, action);
                return ($"Type \"{(text.Length > 60 ? text[..57] + "..." : text).ReplaceLineEndings("\\n")}\"", ct => screen.TypeAsync(text, ct));
            case "mouse_move":
                var to = target ?? throw new GuiException($"mouse_move needs \"coordinate\". {GuiDeclaration.Usage}");
                return ($"Move the mouse to ({point![0]}, {point[1]})", ct => screen.MoveAsync(to.X, to.Y, ct));
            case "hold_key":
                var hold = Text(arguments, action);
                var seconds = Seconds(arguments, action);
                return ($"Hold {hold} for {seconds:0.##} s", ct => HoldingAsync(hold, () => Task.Delay(TimeSpan.FromSeconds(seconds), ct), ct));
            case "left_click":
                return ($"Click{at}{holding}", Click(1, 1));
            case "right_click":
                return ($"Right-click{at}{holding}", Click(3, 1));
            case "middle_click":
                return ($"Middle-click{at}{holding}", Click(2, 1));
            case "double_click":
                return ($"Double-click{at}{holding}", Click(1, 2));
            case "triple_click":
                return ($"Triple-click{at}{holding}", Click(1, 3));
            case "left_mouse_down":
                return ($"Press the left button{at}", Button(down: true));
            case "left_mouse_up":
                return ($"Release the left button{at}", Button(down: false));
            case "left_click_drag":
                var end = target ?? throw new GuiException($"left_click_drag needs \"coordinate\", where the drag ends. {GuiDeclaration.Usage}");
                var from = ToolArgument.Integers(arguments, "start_coordinate");
                return ($"Drag{(from is { Length: 2 } ? $" from ({from[0]}, {from[1]})" : "")} to ({point![0]}, {point[1]})", async ct =>
                {
                    var start = from is { Length: 2 } ? scale.ToReal(from[0], from[1]) : await screen.CursorAsync(ct).ConfigureAwait(false);
                    await screen.DragAsync(start.X, start.Y, end.X, end.Y, ct).ConfigureAwait(false);
                });
            default:
                var direction = ToolArgument.String(arguments, "scroll_direction") ?? "down";
                var button = direction switch
                {
                    "up" => 4,
                    "down" => 5,
                    "left" => 6,
                    "right" => 7,
                    _ => throw new GuiException($"scroll_direction must be up, down, left or right, not '{direction}'."),
                };
                var amount = Math.Clamp(ToolArgument.Integer(arguments, "scroll_amount") ?? DefaultScrollAmount, 1, 50);
                return ($"Scroll {direction} {amount}{at}{holding}", Click(button, amount));
        }
    }

    /// <summary>Does <paramref name="act"/> with <paramref name="keys"/> held, releasing them even when it fails or is stopped.</summary>
    private async Task HoldingAsync(string? keys, Func<Task> act, CancellationToken cancellationToken)
    {
        if (keys is null)
        {
            await act().ConfigureAwait(false);
            return;
        }

        await screen.HoldKeysAsync(keys, down: true, cancellationToken).ConfigureAwait(false);
        try
        {
            await act().ConfigureAwait(false);
        }
        finally
        {
            // Not the action's token: a key left down after Ctrl-C would stay down on the user's desktop.
            await screen.HoldKeysAsync(keys, down: false, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static double Seconds(IDictionary<string, object?> arguments, string action) =>
        double.TryParse(ToolArgument.String(arguments, "duration"), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 0 and <= MaxSeconds
            ? seconds
            : throw new GuiException($"{action} needs \"duration\", a number of seconds from 0 to {MaxSeconds}. Example: {{\"action\": \"{action}\", \"duration\": 1}}.");

    private static string Text(IDictionary<string, object?> arguments, string action) =>
        ToolArgument.String(arguments, "text") is { Length: > 0 } text ? text : throw new GuiException($"{action} needs \"text\". {GuiDeclaration.Usage}");
}
