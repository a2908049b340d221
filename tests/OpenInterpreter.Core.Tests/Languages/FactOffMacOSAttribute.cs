using Xunit;

namespace OpenInterpreter.Core.Tests.Languages;

/// <summary>A fact about behaviour off macOS, skipped with the reason shown on macOS.</summary>
public sealed class FactOffMacOSAttribute : FactAttribute
{
    public FactOffMacOSAttribute(string reason = "Checks the refusal that only happens off macOS.")
    {
        if (OperatingSystem.IsMacOS())
        {
            Skip = reason;
        }
    }
}
