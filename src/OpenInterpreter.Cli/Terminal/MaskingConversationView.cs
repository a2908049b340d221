using OpenInterpreter.Core.Messages;
using OpenInterpreter.Core.Safety;

namespace OpenInterpreter.Cli.Terminal;

/// <summary>
/// A view whose error, notice and verbose lines have every known secret masked, whatever a server sent back (a 401
/// body that echoes the key); the conversation itself is shown as it was.
/// </summary>
internal sealed class MaskingConversationView(IConversationView inner, SecretRedactor secrets) : IConversationView
{
    public Task ShowTurnAsync(IAsyncEnumerable<LmcChunk> chunks, CancellationToken cancellationToken) => inner.ShowTurnAsync(chunks, cancellationToken);

    public void Error(string line) => inner.Error(secrets.Mask(line));

    public void Notice(string line) => inner.Notice(secrets.Mask(line));

    public void Verbose(string line) => inner.Verbose(secrets.Mask(line));

    public void Status(string line) => inner.Status(secrets.Mask(line));

    public void ShowCode(string language, string code) => inner.ShowCode(language, code);
}
