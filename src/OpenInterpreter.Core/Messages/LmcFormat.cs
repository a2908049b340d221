namespace OpenInterpreter.Core.Messages;

/// <summary>The formats of LMC messages that are not a language name.</summary>
public static class LmcFormat
{
    public const string Output = "output";
    public const string ActiveLine = "active_line";
    public const string Base64Png = "base64.png";
    public const string Path = "path";
}
