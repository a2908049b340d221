namespace OpenInterpreter.Cli;

/// <summary>The settings a session can change while it runs (<c>%verbose</c>, <c>%auto_run</c>).</summary>
internal sealed class SessionSwitches(bool verbose, bool autoRun)
{
    private volatile bool _verbose = verbose;
    private volatile bool _autoRun = autoRun;

    public bool Verbose { get => _verbose; set => _verbose = value; }

    public bool AutoRun { get => _autoRun; set => _autoRun = value; }
}
