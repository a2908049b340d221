namespace OpenInterpreter.Core.Safety;

/// <summary>How bad a danger finding is: <see cref="High"/> findings stop code from running unattended under <c>-y</c>.</summary>
public enum Severity
{
    Medium,
    High,
}
