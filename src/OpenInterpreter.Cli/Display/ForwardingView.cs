using OpenInterpreter.Cli.Terminal;
using OpenInterpreter.Core.Messages;

namespace OpenInterpreter.Cli.Display;

/// <summary>A view that hands everything to another one; a decorator changes only what it overrides.</summary>
internal abstract class ForwardingView(IConversationView inner) : IConversationView
{
    protected IConversationView Inner { get; } = inner;

    public virtual Task ShowTurnAsync(IAsyncEnumerable<LmcChunk> chunks, CancellationToken cancellationToken) => Inner.ShowTurnAsync(chunks, cancellationToken);

    public virtual void Error(string line) => Inner.Error(line);

    public virtual void Notice(string line) => Inner.Notice(line);

    public virtual void Verbose(string line) => Inner.Verbose(line);

    public virtual void Status(string line) => Inner.Status(line);

    public void ShowCode(string language, string code) => Inner.ShowCode(language, code);

    public IDisposable PauseLive() => Inner.PauseLive();
}
