namespace OpenInterpreter.Core.Safety;

/// <summary>What safety says about one run: the danger check's findings and the permission rule that decides it, if any.</summary>
public sealed record SafetyVerdict(IReadOnlyList<DangerFinding> Findings, PermissionRule? Rule)
{
    /// <summary>The first high finding, or null.</summary>
    public DangerFinding? High => Findings.FirstOrDefault(f => f.Severity == Severity.High);
}
