using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OpenInterpreter.Core.Settings;

/// <summary>
/// Reads a YAML profile into a <see cref="SettingsLayer"/> of dotted keys. It walks YamlDotNet's representation model by
/// hand (no reflection, so Native AOT stays clean) and reports a syntax error with its file, line and column.
/// </summary>
public static class ProfileParser
{
    public static SettingsLayer Parse(string yaml, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new SettingsException(
                $"{file}:{e.Start.Line}:{e.Start.Column}: the profile is not valid YAML: {FirstSentence(e)}",
                "Fix the YAML there, or move the file away.",
                e);
        }

        var entries = new List<KeyValuePair<string, SettingValue>>();
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return new SettingsLayer(file, entries);
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var node = stream.Documents[0].RootNode;
            throw new SettingsException($"{Where(file, node)}: a profile must be a mapping of keys to values.", "See the example profile in the README.");
        }

        Read(root, prefix: null, file, entries);
        return new SettingsLayer(file, entries);
    }

    private static void Read(YamlMappingNode mapping, string? prefix, string file, List<KeyValuePair<string, SettingValue>> entries)
    {
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var name = ((keyNode as YamlScalarNode)?.Value ?? "").Trim();
            var key = prefix is null ? name : $"{prefix}.{name}";
            var location = Where(file, keyNode);
            switch (valueNode)
            {
                case YamlMappingNode section when prefix is null && SettingKeys.Sections.Contains(name):
                    Read(section, name, file, entries);
                    break;
                case YamlMappingNode servers when prefix is null && name == "mcp_servers":
                    entries.Add(new(key, SettingValue.Of(Json(servers), location)));
                    break;
                case YamlScalarNode scalar when IsNull(scalar):
                    // `api_key:` with nothing after it, or `~`: the key is left as it was.
                    break;
                case YamlScalarNode scalar:
                    entries.Add(new(key, SettingValue.Of(scalar.Value!, location)));
                    break;
                // A list of mappings (OI's `messages:`, few-shot examples) is handed over as JSON, like mcp_servers.
                case YamlSequenceNode sequence when sequence.Children.Any(c => c is not YamlScalarNode):
                    entries.Add(new(key, SettingValue.Of(Json(sequence), location)));
                    break;
                case YamlSequenceNode sequence:
                    var items = sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").ToList();
                    entries.Add(new(key, SettingValue.List(items, location)));
                    break;
                default:
                    entries.Add(new(key, new SettingValue(null, null, location)));
                    break;
            }
        }
    }

    /// <summary>A YAML node as JSON text (mappings as objects, sequences as arrays, scalars as strings), for nested keys.</summary>
    private static string Json(YamlNode node)
    {
        using var buffer = new MemoryStream();
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            Write(json, node);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());

        static void Write(System.Text.Json.Utf8JsonWriter json, YamlNode node)
        {
            switch (node)
            {
                case YamlMappingNode mapping:
                    json.WriteStartObject();
                    foreach (var (key, value) in mapping.Children)
                    {
                        json.WritePropertyName((key as YamlScalarNode)?.Value ?? "");
                        Write(json, value);
                    }

                    json.WriteEndObject();
                    break;
                case YamlSequenceNode sequence:
                    json.WriteStartArray();
                    foreach (var item in sequence.Children)
                    {
                        Write(json, item);
                    }

                    json.WriteEndArray();
                    break;
                default:
                    json.WriteStringValue((node as YamlScalarNode)?.Value ?? "");
                    break;
            }
        }
    }

    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    private static string Where(string file, YamlNode node) => $"{file}:{node.Start.Line}:{node.Start.Column}";

    private static string FirstSentence(YamlException e)
    {
        // YamlDotNet's messages start with the position again: "(Line: 3, Col: 5, Idx: 20) - (…): While scanning…".
        var message = e.Message;
        var colon = message.LastIndexOf("): ", StringComparison.Ordinal);
        return (colon >= 0 ? message[(colon + 3)..] : message).Split('\n')[0].Trim();
    }
}
