using OpenInterpreter.Cli.Terminal;
using OpenInterpreter.Core.Messages;

namespace OpenInterpreter.Cli.Display;

/// <summary>A view that hands everything to another one; the decorators below change only the turn's chunks.</summary>
internal abstract class ForwardingView(IConversationView inner) : IConversationView
{
    protected IConversationView Inner { get; } = inner;

    public virtual Task ShowTurnAsync(IAsyncEnumerable<LmcChunk> chunks, CancellationToken cancellationToken) => Inner.ShowTurnAsync(chunks, cancellationToken);

    public void Error(string line) => Inner.Error(line);

    public void Notice(string line) => Inner.Notice(line);

    public void Verbose(string line) => Inner.Verbose(line);

    public void Status(string line) => Inner.Status(line);

    public void ShowCode(string language, string code) => Inner.ShowCode(language, code);
}
