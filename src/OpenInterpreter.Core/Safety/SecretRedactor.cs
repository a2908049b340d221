using System.Collections;
using System.Text.RegularExpressions;

namespace OpenInterpreter.Core.Safety;

/// <summary>
/// Finds secrets in text and replaces them by <c>[redacted: KIND]</c>: the key in use, the values of environment
/// variables named <c>*_KEY</c>, <c>*_TOKEN</c>, <c>*_SECRET</c>, <c>*PASSWORD*</c>, and well-known formats (OpenAI,
/// Anthropic, GitHub, AWS, Slack and Google keys, JWTs, PEM private-key blocks). Used on output before the model or a
/// saved conversation sees it, and on every error line and verbose log line whatever the server sent back.
/// </summary>
public sealed partial class SecretRedactor
{
    // Values shorter than this are too likely to be ordinary words ("true", "1234") to hide everywhere.
    private const int ShortestKnownValue = 8;

    private static readonly (string Kind, Regex Pattern)[] Formats =
    [
        ("private key", PrivateKey()),
        ("Anthropic key", new Regex(@"sk-ant-[A-Za-z0-9_\-]{20,}", RegexOptions.CultureInvariant)),
        ("OpenAI key", new Regex(@"\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{20,}", RegexOptions.CultureInvariant)),
        ("GitHub token", new Regex(@"\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})", RegexOptions.CultureInvariant)),
        ("AWS key", new Regex(@"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b", RegexOptions.CultureInvariant)),
        ("AWS secret", new Regex(@"(?<=aws_secret_access_key\s*[=:]\s*)[A-Za-z0-9/+]{40}", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)),
        ("Slack token", new Regex(@"\bxox[abposr]-[A-Za-z0-9\-]{10,}", RegexOptions.CultureInvariant)),
        ("Google key", new Regex(@"\bAIza[0-9A-Za-z_\-]{35}", RegexOptions.CultureInvariant)),
        ("JWT", new Regex(@"\beyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}", RegexOptions.CultureInvariant)),
    ];

    private readonly IReadOnlyList<(string Kind, string Value)> _known;

    /// <summary>A redactor for <paramref name="known"/> values (kind, value) and the well-known formats.</summary>
    public SecretRedactor(IEnumerable<(string Kind, string Value)> known)
    {
        // Longest first, so a value that contains another is replaced whole.
        _known = known.Where(k => k.Value.Length >= ShortestKnownValue).DistinctBy(k => k.Value).OrderByDescending(k => k.Value.Length).ToList();
    }

    [GeneratedRegex(@"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|$)")]
    private static partial Regex PrivateKey();

    /// <summary>The key in use and every secret-named variable of <paramref name="environment"/>.</summary>
    public static SecretRedactor FromEnvironment(string? apiKey, IDictionary environment)
    {
        var known = new List<(string, string)>();
        if (apiKey is { Length: > 0 } && apiKey != "no-key")
        {
            known.Add(("API key", apiKey));
        }

        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is string name && entry.Value is string value && IsSecretName(name))
            {
                known.Add((name, value));
            }
        }

        return new SecretRedactor(known);
    }

    /// <summary>For the current process's environment and <paramref name="apiKey"/>.</summary>
    public static SecretRedactor ForCurrentProcess(string? apiKey) => FromEnvironment(apiKey, Environment.GetEnvironmentVariables());

    /// <summary>True for names like <c>OPENAI_API_KEY</c>, <c>GITHUB_TOKEN</c>, <c>DB_PASSWORD</c>, <c>CLIENT_SECRET</c>.</summary>
    public static bool IsSecretName(string name)
    {
        var upper = name.ToUpperInvariant();
        return upper.EndsWith("_KEY", StringComparison.Ordinal) || upper.EndsWith("_TOKEN", StringComparison.Ordinal)
            || upper.EndsWith("_SECRET", StringComparison.Ordinal) || upper.Contains("PASSWORD", StringComparison.Ordinal)
            || upper.EndsWith("_API_KEY", StringComparison.Ordinal) || upper is "TOKEN" or "SECRET" or "API_KEY";
    }

    /// <summary><paramref name="text"/> with every secret replaced, and how many were.</summary>
    public (string Text, int Count) Redact(string text)
    {
        if (text.Length == 0)
        {
            return (text, 0);
        }

        var count = 0;
        foreach (var (kind, value) in _known)
        {
            var index = text.IndexOf(value, StringComparison.Ordinal);
            if (index < 0)
            {
                continue;
            }

            var parts = text.Split(value);
            count += parts.Length - 1;
            text = string.Join($"[redacted: {kind}]", parts);
        }

        foreach (var (kind, pattern) in Formats)
        {
            var found = 0;
            text = pattern.Replace(text, _ =>
            {
                found++;
                return $"[redacted: {kind}]";
            });
            count += found;
        }

        return (text, count);
    }

    /// <summary><paramref name="text"/> with every secret replaced (error lines, verbose logs).</summary>
    public string Mask(string text) => Redact(text).Text;
}
