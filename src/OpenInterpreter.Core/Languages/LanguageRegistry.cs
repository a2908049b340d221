namespace OpenInterpreter.Core.Languages;

/// <summary>
/// The languages the model may run, which of them this machine has, and one session per language, started on first
/// use and kept for the conversation.
/// </summary>
public sealed class LanguageRegistry : IAsyncDisposable
{
    private static readonly LanguageDefinition[] Definitions =
    [
        Driven(PythonSession.Info, PythonSession.Program, options => new PythonSession(options)),
        Driven(ShellSession.Info, ShellSession.Program, options => new ShellSession(options)),
        Driven(JavaScriptSession.Info, JavaScriptSession.Program, options => new JavaScriptSession(options)),
        Driven(RSession.Info, RSession.Program, options => new RSession(options)),
        Driven(RubySession.Info, RubySession.Program, options => new RubySession(options)),
        Driven(PowerShellSession.Info, PowerShellSession.Program, options => new PowerShellSession(options)),
        Driven(JavaSession.Info, JavaSession.Program, options => new JavaSession(options)),
        new(HtmlSession.Info, null, "", () => null, options => new HtmlSession(options)),
        Driven(AppleScriptSession.Info, AppleScriptSession.Program, options => new AppleScriptSession(options)) with
        {
            Unsupported = () => OperatingSystem.IsMacOS() ? null : "AppleScript runs only on macOS.",
        },
        Driven(CSharpSession.Info, CSharpSession.Program, options => new CSharpSession(options)) with
        {
            Unsupported = CSharpSession.MissingHost,
        },
    ];

    private readonly SessionOptions _options;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ILanguageSession> _sessions = new(StringComparer.Ordinal);
    private readonly Lazy<HashSet<string>> _installed;
    private bool _disposed;

    /// <summary>Creates a registry whose sessions start in <paramref name="workingDirectory"/> (the current one when
    /// null) with <paramref name="environment"/> applied over the non-interactive defaults (a null value removes a variable).</summary>
    public LanguageRegistry(string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null)
        : this(workingDirectory, environment, ExecutableLocator.Find)
    {
    }

    /// <summary>Where sessions keep the files they make for the user (HTML pages, pictures); a folder in the system's
    /// temporary directory unless set before the first session is handed out.</summary>
    public string? FilesDirectory
    {
        get => _options.FilesDirectory;
        init => _options = _options with { FilesDirectory = value };
    }

    /// <summary>Confines the sessions' processes; null (the default) runs them as the user. Set before the first session.</summary>
    public Safety.Sandbox? Sandbox
    {
        get => _options.Sandbox;
        init => _options = _options with { Sandbox = value };
    }

    /// <summary>A new session for <paramref name="language"/> outside the sandbox, for one run the user allowed; the caller disposes it.</summary>
    public ILanguageSession StartUnconfined(LanguageInfo language)
    {
        var definition = Definition(language);
        if (GetInstallHint(language) is { } hint)
        {
            throw new LanguageUnavailableException(definition.Info, hint);
        }

        return definition.Create(_options with { Sandbox = null });
    }

    /// <summary>Creates a registry that looks runtimes up with <paramref name="locateRuntime"/>; tests use it to
    /// pretend a runtime is missing.</summary>
    internal LanguageRegistry(string? workingDirectory, IReadOnlyDictionary<string, string?>? environment, Func<string, string?> locateRuntime)
    {
        _installed = new(() =>
            Definitions.Where(d => d.Unsupported() is null && (d.Command is null || locateRuntime(d.Command) is not null)).Select(d => d.Info.Name).ToHashSet());
        _options = new SessionOptions
        {
            WorkingDirectory = workingDirectory,
            Environment = environment ?? new Dictionary<string, string?>(),
        };
    }

    /// <summary>Every language this build knows, installed or not.</summary>
    public IReadOnlyList<LanguageInfo> All { get; } = Definitions.Select(d => d.Info).ToArray();

    /// <summary>The languages this machine can run: their runtime is on the PATH and they run on this system.</summary>
    public IReadOnlyList<LanguageInfo> Available => All.Where(IsAvailable).ToArray();

    /// <summary>The known language called <paramref name="nameOrAlias"/> (any case), installed or not; null if none.</summary>
    public LanguageInfo? Find(string nameOrAlias) => All.FirstOrDefault(language => language.Answers(nameOrAlias));

    /// <summary>True when <paramref name="language"/>'s runtime is on the PATH.</summary>
    public bool IsAvailable(LanguageInfo language) => _installed.Value.Contains(Definition(language).Info.Name);

    /// <summary>Why <paramref name="language"/> cannot run here, e.g. "node is not installed: apt install nodejs";
    /// null when it can.</summary>
    public string? GetInstallHint(LanguageInfo language)
    {
        var definition = Definition(language);
        return IsAvailable(language) ? null
            : definition.Unsupported() is { } reason ? reason
            : $"{definition.Command} is not installed: {definition.InstallHint}";
    }

    /// <summary>
    /// The conversation's session for <paramref name="language"/>, created on first request (its process starts on
    /// its first run) and the same one afterwards until <see cref="ResetAsync"/>.
    /// </summary>
    /// <exception cref="LanguageUnavailableException">The language's runtime is not installed.</exception>
    public ILanguageSession GetSession(LanguageInfo language)
    {
        var definition = Definition(language);
        if (GetInstallHint(language) is { } hint)
        {
            throw new LanguageUnavailableException(definition.Info, hint);
        }

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_sessions.TryGetValue(definition.Info.Name, out var session))
            {
                session = definition.Create(_options);
                _sessions.Add(definition.Info.Name, session);
            }

            return session;
        }
    }

    /// <summary>Ends every session and its whole process group; sessions handed out before are disposed, and the
    /// next <see cref="GetSession"/> starts afresh.</summary>
    public async ValueTask ResetAsync()
    {
        ILanguageSession[] sessions;
        lock (_lock)
        {
            sessions = [.. _sessions.Values];
            _sessions.Clear();
        }

        await Task.WhenAll(sessions.Select(session => session.DisposeAsync().AsTask())).ConfigureAwait(false);
    }

    /// <summary>Ends every session, as <see cref="ResetAsync"/>; the registry hands out no more.</summary>
    public ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            _disposed = true;
        }

        return ResetAsync();
    }

    private static LanguageDefinition Definition(LanguageInfo language) =>
        Definitions.FirstOrDefault(d => d.Info.Name == language.Name)
        ?? throw new ArgumentException($"{language.Name} is not a language this registry knows.", nameof(language));

    private static LanguageDefinition Driven(LanguageInfo info, DriverProgram program, Func<SessionOptions, ILanguageSession> create) =>
        new(info, program.Prerequisite, program.InstallHint, () => null, create);

    /// <summary>What the registry knows of one language: its name and aliases, the command it needs (null for none),
    /// how to install that command, why it cannot run with this system or build (null when it can), and how to make a
    /// session.</summary>
    private sealed record LanguageDefinition(
        LanguageInfo Info, string? Command, string InstallHint, Func<string?> Unsupported, Func<SessionOptions, ILanguageSession> Create);
}
