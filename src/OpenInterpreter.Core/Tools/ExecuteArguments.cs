using System.Text;
using System.Text.Json;

namespace OpenInterpreter.Core.Tools;

/// <summary>
/// Reads the arguments of an <c>execute</c> call as the model wrote them, repairing the common slips where the
/// intent is unambiguous: raw newlines inside strings, a <c>functions.execute(…)</c> wrapper, text around the object.
/// </summary>
public static class ExecuteArguments
{
    /// <summary>The request, or a message for the model saying exactly what was wrong.</summary>
    public static ParseResult Parse(string? rawArguments)
    {
        var raw = (rawArguments ?? "").Trim();
        if (raw.Length == 0)
        {
            return ParseResult.Fail("The execute call had no arguments. " + Usage);
        }

        string? firstError = null;
        foreach (var candidate in Candidates(raw))
        {
            try
            {
                using var document = JsonDocument.Parse(candidate);
                return FromElement(document.RootElement);
            }
            catch (JsonException e)
            {
                firstError ??= e.Message;
            }
        }

        return ParseResult.Fail($"The arguments of the execute call were not valid JSON ({firstError}). {Usage}");
    }

    /// <summary>Reads arguments that arrived already parsed (a provider's dictionary).</summary>
    public static ParseResult FromValues(object? language, object? code) =>
        Check(AsString(language), AsString(code));

    private const string Usage =
        "Call execute again with a JSON object of two strings, for example {\"language\": \"python\", \"code\": \"print(1)\"}.";

    private static ParseResult FromElement(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return ParseResult.Fail($"The arguments of the execute call were a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object. {Usage}");
        }

        string? language = null, code = null;
        foreach (var property in root.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                continue;
            }

            if (property.NameEquals("language"))
            {
                language = property.Value.GetString();
            }
            else if (property.NameEquals("code"))
            {
                code = property.Value.GetString();
            }
        }

        return Check(language, code);
    }

    private static ParseResult Check(string? language, string? code)
    {
        if (string.IsNullOrWhiteSpace(language) || code is null)
        {
            var missing = string.IsNullOrWhiteSpace(language) ? "\"language\"" : "\"code\"";
            return ParseResult.Fail($"The execute call had no string {missing}. {Usage}");
        }

        return ParseResult.Ok(new CodeRequest(language.Trim(), code));
    }

    private static string? AsString(object? value) => value switch
    {
        null => null,
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        _ => null,
    };

    /// <summary>The text as written, then repaired variants, most faithful first.</summary>
    private static IEnumerable<string> Candidates(string raw)
    {
        yield return raw;

        var unwrapped = Unwrap(raw);
        if (unwrapped != raw)
        {
            yield return unwrapped;
        }

        var obj = FirstObject(unwrapped);
        if (obj is not null && obj != unwrapped)
        {
            yield return obj;
        }

        var escaped = EscapeControlCharactersInStrings(obj ?? unwrapped);
        if (escaped != (obj ?? unwrapped))
        {
            yield return escaped;
        }
    }

    /// <summary>Strips <c>functions.execute(…)</c> / <c>execute(…)</c> and Markdown code fences around the object.</summary>
    private static string Unwrap(string raw)
    {
        var text = raw;
        if (text.StartsWith("```", StringComparison.Ordinal))
        {
            var firstNewline = text.IndexOf('\n');
            var lastFence = text.LastIndexOf("```", StringComparison.Ordinal);
            if (firstNewline > 0 && lastFence > firstNewline)
            {
                text = text[(firstNewline + 1)..lastFence].Trim();
            }
        }

        foreach (var prefix in new[] { "functions.execute(", "execute(" })
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal) && text.EndsWith(')'))
            {
                return text[prefix.Length..^1].Trim();
            }
        }

        return text;
    }

    /// <summary>The first balanced <c>{…}</c> in the text (strings respected), or null.</summary>
    private static string? FirstObject(string text)
    {
        var start = text.IndexOf('{');
        if (start < 0)
        {
            return null;
        }

        var depth = 0;
        var inString = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && --depth == 0)
            {
                return text[start..(i + 1)];
            }
        }

        return null;
    }

    /// <summary>Models often put real newlines and tabs inside JSON strings; JSON wants them escaped.</summary>
    private static string EscapeControlCharactersInStrings(string text)
    {
        var result = new StringBuilder(text.Length + 16);
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString && c == '\\' && i + 1 < text.Length)
            {
                result.Append(c).Append(text[++i]);
                continue;
            }

            if (c == '"')
            {
                inString = !inString;
            }

            result.Append(inString && c < ' ' ? c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => $"\\u{(int)c:x4}",
            } : c.ToString());
        }

        return result.ToString();
    }
}
