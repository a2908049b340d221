namespace OpenInterpreter.Cli;

/// <summary>The settings a session can change while it runs (<c>%verbose</c>, <c>%auto_run</c>).</summary>
internal sealed class SessionSwitches(bool verbose, bool autoRun, bool debug = false)
{
    private volatile bool _verbose = verbose;
    private volatile bool _autoRun = autoRun;
    private volatile bool _debug = debug;

    /// <summary><c>--debug</c> / <c>%debug</c>: the verbose log and every chunk of the conversation.</summary>
    public bool Debug { get => _debug; set => _debug = value; }

    public bool Verbose { get => _verbose; set => _verbose = value; }

    public bool AutoRun { get => _autoRun; set => _autoRun = value; }
}
