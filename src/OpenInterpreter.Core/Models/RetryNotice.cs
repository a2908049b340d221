using System.Globalization;

namespace OpenInterpreter.Core.Models;

/// <summary>A model call failed for a passing reason and will be tried again: what the user is told while waiting.</summary>
public sealed record RetryNotice(string Reason, TimeSpan Delay, int NextAttempt, int MaxAttempts)
{
    /// <summary>The line shown to the user: "rate limited, retrying in 2 s (2/4)".</summary>
    public string Text =>
        string.Create(CultureInfo.InvariantCulture, $"{Reason}, retrying in {Math.Max(1, Math.Round(Delay.TotalSeconds)):0} s ({NextAttempt}/{MaxAttempts})");
}
