namespace OpenInterpreter.Cli;

/// <summary>The exit codes of SPEC section 1.</summary>
internal static class ExitCodes
{
    public const int Done = 0;
    public const int Failed = 1;
    public const int Usage = 2;
    public const int Interrupted = 130;

    /// <summary>128 + SIGHUP: the terminal went away.</summary>
    public const int HangUp = 129;

    /// <summary>128 + SIGTERM: asked to stop.</summary>
    public const int Terminated = 143;
}
