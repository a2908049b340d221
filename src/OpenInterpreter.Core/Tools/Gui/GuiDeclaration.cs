using System.Text.Json;
using Microsoft.Extensions.AI;

namespace OpenInterpreter.Core.Tools.Gui;

/// <summary>The JSON schema of the <c>computer</c> function: Anthropic's computer-use actions, for every model.</summary>
public static class GuiDeclaration
{
    public static readonly string[] Actions =
    [
        "screenshot", "key", "type", "mouse_move", "left_click", "right_click", "middle_click", "double_click",
        "triple_click", "left_click_drag", "left_mouse_down", "left_mouse_up", "scroll", "hold_key", "wait",
        "cursor_position",
    ];

    public const string Usage = "Example: {\"action\": \"left_click\", \"coordinate\": [640, 400]}.";

    public static AIFunctionDeclaration Create(string name, ScreenScale? scale)
    {
        var schema = ToolSchema.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("type", "object");
            json.WriteStartObject("properties");
            json.WriteStartObject("action");
            json.WriteString("type", "string");
            json.WriteString("description", "What to do. A screenshot follows every action that changes the screen.");
            json.WriteStartArray("enum");
            foreach (var action in Actions)
            {
                json.WriteStringValue(action);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            Point(json, "coordinate", "[x, y] in screenshot pixels: where to move, click or scroll, or where a drag ends.");
            Point(json, "start_coordinate", "left_click_drag: [x, y] where the drag starts (else where the pointer is).");
            Property(json, "text", "string", "type: the text to type. key and hold_key: a key or combination, xdotool style (Return, ctrl+s, alt+Tab). Clicks and scroll: keys to hold meanwhile (shift, ctrl).");
            Property(json, "scroll_direction", "string", "scroll: up, down, left or right.");
            Property(json, "scroll_amount", "integer", "scroll: how many wheel clicks (default 3).");
            Property(json, "duration", "number", "hold_key and wait: how many seconds (at most 100).");
            json.WriteEndObject();
            json.WriteStartArray("required");
            json.WriteStringValue("action");
            json.WriteEndArray();
            json.WriteEndObject();
        });

        var size = scale is null ? "" : $" The screen is {scale.Width}×{scale.Height} pixels in screenshots; (0, 0) is the top left.";
        return AIFunctionFactory.CreateDeclaration(
            name,
            "Use the computer's screen, mouse and keyboard: take a screenshot, move and click the mouse, drag, scroll, " +
            "type text and press keys. Take a screenshot first to see where things are, and check the screenshot after " +
            "each action before the next one." + size,
            schema);
    }

    private static void Point(Utf8JsonWriter json, string name, string description)
    {
        json.WriteStartObject(name);
        json.WriteString("type", "array");
        json.WriteStartObject("items");
        json.WriteString("type", "integer");
        json.WriteEndObject();
        json.WriteNumber("minItems", 2);
        json.WriteNumber("maxItems", 2);
        json.WriteString("description", description);
        json.WriteEndObject();
    }

    private static void Property(Utf8JsonWriter json, string name, string type, string description)
    {
        json.WriteStartObject(name);
        json.WriteString("type", type);
        json.WriteString("description", description);
        json.WriteEndObject();
    }
}
