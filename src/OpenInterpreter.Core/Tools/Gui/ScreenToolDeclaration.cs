using System.Text.Json;
using Microsoft.Extensions.AI;

namespace OpenInterpreter.Core.Tools.Gui;

/// <summary>
/// The <c>computer</c> function's declaration once the screen's size is known: the JSON-schema declaration every model
/// can use, plus the size screenshots have, so a provider with a native computer-use tool can offer that instead.
/// </summary>
public sealed class ScreenToolDeclaration(AIFunctionDeclaration schemaDeclaration, int displayWidth, int displayHeight) : AIFunctionDeclaration
{
    public override string Name => schemaDeclaration.Name;

    public override string Description => schemaDeclaration.Description;

    public override JsonElement JsonSchema => schemaDeclaration.JsonSchema;

    public override JsonElement? ReturnJsonSchema => schemaDeclaration.ReturnJsonSchema;

    /// <summary>The width of the screenshots the model gets, in pixels; its coordinates are in this space.</summary>
    public int DisplayWidth { get; } = displayWidth;

    /// <summary>The height of the screenshots the model gets, in pixels.</summary>
    public int DisplayHeight { get; } = displayHeight;
}
