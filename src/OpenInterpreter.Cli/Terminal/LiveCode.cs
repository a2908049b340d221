using System.Text;
using OpenInterpreter.Core.Messages;
using Spectre.Console.Rendering;

namespace OpenInterpreter.Cli.Terminal;

/// <summary>Code the model is writing, in its panel.</summary>
internal sealed class LiveCode(string? language) : ILiveBlock
{
    private readonly StringBuilder _code = new();

    public string Code => _code.ToString();

    public void Add(LmcChunk chunk) => _code.Append(chunk.Content);

    public IEnumerable<IRenderable> TakeFinished() => [];

    public IRenderable RenderLive(int width, int rows) => CodePanel.Render(Code, language, activeLine: null);

    public IEnumerable<IRenderable> RenderFinal(int width) => [CodePanel.Render(Code, language, activeLine: null)];
}
