namespace OpenInterpreter.Core.Safety;

/// <summary>One thing the danger check found in code about to run: its severity and a one-line reason.</summary>
public sealed record DangerFinding(Severity Severity, string Reason)
{
    /// <summary>The finding as the user and the model read it: <c>high: deletes your home folder (rm -rf ~)</c>.</summary>
    public override string ToString() => $"{(Severity == Severity.High ? "high" : "medium")}: {Reason}";
}
