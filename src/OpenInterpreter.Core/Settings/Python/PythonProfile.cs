using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace OpenInterpreter.Core.Settings.Python;

/// <summary>
/// Loads an Open Interpreter Python profile (<c>.py</c>): runs it with <c>python3</c> against a stand-in
/// <c>interpreter</c> module (<c>profile_runner.py</c>) that records what the file sets, and turns that into a
/// settings layer whose values carry the file and line that set them. A profile that raises is one error naming its
/// file and line.
/// </summary>
public static class PythonProfile
{
    /// <summary>How long a profile may take; OI's own ones finish in well under a second.</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(60);

    /// <summary>OI's names that mean one of ours.</summary>
    private static readonly Dictionary<string, string> Renamed = new(StringComparer.Ordinal)
    {
        ["llm.max_budget"] = "max_budget",
    };

    public static SettingsLayer Load(string path, string configDirectory)
    {
        var json = Run(path, configDirectory);
        using var result = JsonDocument.Parse(json);
        var root = result.RootElement;
        if (root.GetProperty("error") is { ValueKind: JsonValueKind.Object } error)
        {
            var message = error.GetProperty("message").GetString() ?? "";
            var what = message.StartsWith("SyntaxError: ", StringComparison.Ordinal) ? $"is not valid Python: {message["SyntaxError: ".Length..]}" : $"raised {message}";
            throw new SettingsException($"{path}:{error.GetProperty("line").GetInt32()}: the profile {what}", "Fix the profile there, or move the file away.");
        }

        var entries = new List<KeyValuePair<string, SettingValue>>();
        foreach (var setting in root.GetProperty("settings").EnumerateArray())
        {
            var key = setting.GetProperty("key").GetString()!;
            var location = $"{path}:{setting.GetProperty("line").GetInt32()}";
            if (Value(key, setting.GetProperty("value"), location) is { } value)
            {
                entries.Add(new(Renamed.GetValueOrDefault(key, key), value));
            }
        }

        var warnings = root.GetProperty("warnings").EnumerateArray()
            .Select(w => w.GetProperty("line").GetInt32() is var line and > 0 ? $"{path}:{line}: {w.GetProperty("text").GetString()}" : $"{path}: {w.GetProperty("text").GetString()}")
            .ToList();
        return new SettingsLayer(path, entries) { Warnings = warnings };
    }

    /// <summary>
    /// A recorded value as a profile value: scalars as text, a list of scalars as a list, anything else as JSON. The
    /// messages a conversation starts with are always JSON, so that <c>interpreter.messages = []</c> (llama3.py) is an
    /// empty conversation and not an empty list of words.
    /// </summary>
    private static SettingValue? Value(string key, JsonElement value, string location) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        _ when key == "messages" => SettingValue.Of(value.GetRawText(), location),
        JsonValueKind.String => SettingValue.Of(value.GetString()!, location),
        JsonValueKind.True => SettingValue.Of("true", location),
        JsonValueKind.False => SettingValue.Of("false", location),
        JsonValueKind.Number => SettingValue.Of(value.GetRawText(), location),
        JsonValueKind.Array when value.EnumerateArray().All(IsScalar) =>
            SettingValue.List(value.EnumerateArray().Select(i => i.ValueKind == JsonValueKind.String ? i.GetString()! : i.GetRawText()).ToList(), location),
        _ => SettingValue.Of(value.GetRawText(), location),
    };

    private static bool IsScalar(JsonElement item) => item.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False;

    private static string Run(string path, string configDirectory)
    {
        // The runner is read from stdin (`python3 -`), so nothing is written to disk; the profile's own prints go
        // straight to our stderr, where the user sees them.
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-");
        start.ArgumentList.Add(Path.GetFullPath(path));
        start.ArgumentList.Add(configDirectory);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception();
        }
        catch (Win32Exception)
        {
            throw new SettingsException($"{path}: a Python profile needs python3, which is not installed.", "Install python3, or use a YAML profile.");
        }

        using (process)
        {
            using (var runner = typeof(PythonProfile).Assembly.GetManifestResourceStream("profile_runner.py")
                ?? throw new InvalidOperationException("The Python profile runner is missing from the build."))
            {
                runner.CopyTo(process.StandardInput.BaseStream);
            }

            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            if (!output.Wait(TimeLimit))
            {
                process.Kill(entireProcessTree: true);
                throw new SettingsException($"{path}: the profile did not finish in {TimeLimit.TotalSeconds:0} s.", "A profile should only set settings; move what waits out of it.");
            }

            process.WaitForExit();
            var text = output.Result;
            return text.StartsWith('{')
                ? text
                : throw new SettingsException($"{path}: the profile could not be run by python3 (exit code {process.ExitCode}).", "Run python3 on the file to see why.");
        }
    }
}
