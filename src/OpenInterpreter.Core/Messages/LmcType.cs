namespace OpenInterpreter.Core.Messages;

/// <summary>The types of LMC messages.</summary>
public static class LmcType
{
    public const string Message = "message";
    public const string Code = "code";
    public const string Console = "console";
    public const string Image = "image";
    public const string Confirmation = "confirmation";
}
