using System.Text.RegularExpressions;

namespace OpenInterpreter.Core.Models;

/// <summary>Hides API keys in anything that may be shown or logged.</summary>
public static partial class SecretMask
{
    /// <summary>A key shown as its first characters and its length, never in full.</summary>
    public static string Mask(string? secret) => secret switch
    {
        null or "" => "(none)",
        { Length: <= 8 } => "****",
        _ => $"{secret[..4]}…({secret.Length} chars)",
    };

    /// <summary>Replaces every known key, and anything shaped like a bearer token or sk- key, in <paramref name="text"/>.</summary>
    public static string Scrub(string text, params IEnumerable<string?> knownSecrets)
    {
        foreach (var secret in knownSecrets)
        {
            if (!string.IsNullOrEmpty(secret) && secret.Length >= 4)
            {
                text = text.Replace(secret, Mask(secret), StringComparison.Ordinal);
            }
        }

        return KeyShape().Replace(text, m => Mask(m.Value));
    }

    [GeneratedRegex(@"\b(sk|pk|xai|gsk)-[A-Za-z0-9_\-]{12,}")]
    private static partial Regex KeyShape();
}
