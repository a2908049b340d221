namespace OpenInterpreter.Core.Messages;

/// <summary>The roles of LMC messages.</summary>
public static class LmcRole
{
    public const string User = "user";
    public const string Assistant = "assistant";
    public const string Computer = "computer";
}
