using OpenInterpreter.Core.Output;

namespace OpenInterpreter.Core.Settings;

/// <summary>
/// The profiles folder (<c>$XDG_CONFIG_HOME/open-interpreter/profiles</c>, the same as OI's): finds a profile by path or
/// name, falls back to the built-in profiles, writes <c>default.yaml</c> on first use, saves and resets profiles.
/// </summary>
public sealed class ProfileStore(string directory)
{
    public const string DefaultName = "default";

    public string Directory { get; } = directory;

    public string DefaultPath => PathFor(DefaultName);

    /// <summary>The file a profile called <paramref name="name"/> is saved to.</summary>
    public string PathFor(string name) => Path.Combine(Directory, name.EndsWith(".yaml", StringComparison.Ordinal) ? name : $"{name}.yaml");

    /// <summary>Loads <c>default.yaml</c>, writing the commented built-in one first when it does not exist yet.</summary>
    public SettingsLayer LoadDefault() => EnsureDefault() ? ParseFile(DefaultPath) : BuiltInProfiles.Load(DefaultName);

    /// <summary>Writes the commented built-in <c>default.yaml</c> when there is none; false when it cannot be written.</summary>
    public bool EnsureDefault()
    {
        if (File.Exists(DefaultPath))
        {
            return true;
        }

        try
        {
            Write(DefaultPath, BuiltInProfiles.Text(DefaultName)!);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only home still runs, on the built-in defaults.
            return false;
        }
    }

    /// <summary>Loads a profile given as a path, a name in the folder (<c>.yaml</c> may be left out), or a built-in name.</summary>
    public SettingsLayer Load(string nameOrPath)
    {
        foreach (var candidate in Candidates(nameOrPath))
        {
            if (File.Exists(candidate))
            {
                return ParseFile(candidate);
            }
        }

        if (BuiltInProfiles.Text(nameOrPath) is not null)
        {
            return BuiltInProfiles.Load(nameOrPath);
        }

        throw new SettingsException(
            $"There is no profile '{nameOrPath}'.",
            $"Profiles: {string.Join(", ", Names())}; or give a path to a .yaml file.");
    }

    /// <summary>The names of the profiles in the folder and built in, sorted.</summary>
    public IReadOnlyList<string> Names()
    {
        var saved = System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.EnumerateFiles(Directory, "*.yaml").Concat(System.IO.Directory.EnumerateFiles(Directory, "*.py")).Select(Path.GetFileNameWithoutExtension).OfType<string>()
            : [];
        return saved.Concat(BuiltInProfiles.Names).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Writes <paramref name="yaml"/> as profile <paramref name="name"/> (mode 0600) and returns its path.</summary>
    public string Save(string name, string yaml)
    {
        var path = PathFor(name);
        Write(path, yaml);
        return path;
    }

    /// <summary>
    /// Puts profile <paramref name="name"/> back to its built-in content (a profile with no built-in one is removed); the
    /// old file is kept beside it as <c>.bak</c>. Returns what was done, in words.
    /// </summary>
    public string Reset(string name)
    {
        var path = PathFor(name);
        var builtIn = BuiltInProfiles.Text(Path.GetFileNameWithoutExtension(path));
        if (builtIn is null && !File.Exists(path))
        {
            throw new SettingsException($"There is no profile '{name}' to reset.", $"Profiles: {string.Join(", ", Names())}.");
        }

        var backup = File.Exists(path) ? path + ".bak" : null;
        if (backup is not null)
        {
            File.Move(path, backup, overwrite: true);
        }

        var kept = backup is null ? "" : $" (the old one is in {backup})";
        if (builtIn is null)
        {
            return $"Removed the profile {path}{kept}.";
        }

        Write(path, builtIn);
        return $"Reset {path} to the built-in {Path.GetFileNameWithoutExtension(path)} profile{kept}.";
    }

    private IEnumerable<string> Candidates(string nameOrPath)
    {
        yield return nameOrPath;
        if (!nameOrPath.Contains('/'))
        {
            yield return Path.Combine(Directory, nameOrPath);
            yield return Path.Combine(Directory, nameOrPath + ".yaml");
            yield return Path.Combine(Directory, nameOrPath + ".yml");
            yield return Path.Combine(Directory, nameOrPath + ".py");
        }
    }

    /// <summary>A YAML profile, or an OI Python profile (<c>.py</c>), which is run to see what it sets.</summary>
    private SettingsLayer ParseFile(string path) => path.EndsWith(".py", StringComparison.OrdinalIgnoreCase)
        ? Python.PythonProfile.Load(path, System.IO.Path.GetDirectoryName(Directory) ?? Directory)
        : ProfileParser.Parse(File.ReadAllText(path), path);

    private void Write(string path, string text)
    {
        PrivateFile.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = PrivateFile.OpenForWriting(path);
        // OpenForWriting keeps the mode of an existing file; a profile may hold a key, so it is always 0600.
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using var writer = new StreamWriter(stream);
        writer.Write(text);
    }
}
