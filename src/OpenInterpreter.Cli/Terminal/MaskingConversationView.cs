using OpenInterpreter.Cli.Display;
using OpenInterpreter.Core.Safety;

namespace OpenInterpreter.Cli.Terminal;

/// <summary>
/// A view whose error, notice and verbose lines have every known secret masked, whatever a server sent back (a 401
/// body that echoes the key); the conversation itself is shown as it was.
/// </summary>
internal sealed class MaskingConversationView(IConversationView inner, SecretRedactor secrets) : ForwardingView(inner)
{
    public override void Error(string line) => Inner.Error(secrets.Mask(line));

    public override void Notice(string line) => Inner.Notice(secrets.Mask(line));

    public override void Verbose(string line) => Inner.Verbose(secrets.Mask(line));

    public override void Status(string line) => Inner.Status(secrets.Mask(line));
}
