using OpenInterpreter.Core.Settings;

namespace OpenInterpreter.Core.Safety;

/// <summary>
/// Safety's answer for each run and tool action (SPEC section 7): the danger check (unless <c>safe_mode: off</c>)
/// and the permission rules, including the allow rules added during the session. The loop asks it through
/// <see cref="SafetyGate"/>.
/// </summary>
public sealed class SafetyPolicy(InterpreterSettings settings, DangerCheck check, string workingDirectory)
{
    private readonly Lock _lock = new();
    private PermissionRules _rules = settings.Permissions;

    /// <summary>The policy for the current folder and user.</summary>
    public static SafetyPolicy ForCurrentUser(InterpreterSettings settings) => new(settings, DangerCheck.ForCurrentUser(), Environment.CurrentDirectory);

    /// <summary><c>off</c>, <c>ask</c> or <c>auto</c>.</summary>
    public string Mode => settings.SafeMode;

    /// <summary>The rules in force now, the session's own last.</summary>
    public PermissionRules Rules
    {
        get
        {
            lock (_lock)
            {
                return _rules;
            }
        }
    }

    /// <summary>Checks code about to run.</summary>
    public SafetyVerdict Evaluate(string language, string code) =>
        new(Mode == "off" ? [] : check.Check(language, code), Rules.Decide(language, code));

    /// <summary>The rule that decides a tool action (an edit, a desktop action), if any.</summary>
    public PermissionRule? EvaluateAction(string scope) => Rules.DecideAction(scope, workingDirectory);

    /// <summary>Adds session allow rules for the commands of <paramref name="code"/> (the user answered <c>a</c>).</summary>
    public void AllowForSession(string language, string code)
    {
        lock (_lock)
        {
            _rules = _rules.AllowForSession(language, code);
        }
    }

    /// <summary>Adds a session allow rule for a tool action's scope (the user answered <c>a</c>), where it has a rule form.</summary>
    public void AllowActionForSession(string scope)
    {
        lock (_lock)
        {
            _rules = _rules.AllowActionForSession(scope);
        }
    }
}
