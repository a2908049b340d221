using OpenInterpreter.Core.Languages;
using Xunit;

namespace OpenInterpreter.Core.Tests.Languages;

/// <summary>A fact that is skipped, with the reason shown, where the command it needs is not on the PATH.</summary>
public sealed class FactRequiringCommandAttribute : FactAttribute
{
    public FactRequiringCommandAttribute(string command, string installHint)
    {
        if (ExecutableLocator.Find(command) is null)
        {
            Skip = $"{command} is not installed ({installHint}).";
        }
    }
}
