namespace OpenInterpreter.Core.Safety;

/// <summary>Recognises, in a run's output, the errors a sandbox causes: a read-only file system, a denied write, a refused or unreachable connection.</summary>
public static class SandboxDenial
{
    private static readonly (string Text, string Meaning)[] Signs =
    [
        ("Read-only file system", "a write outside the writable folders (EROFS)"),
        ("EROFS", "a write outside the writable folders (EROFS)"),
        ("Permission denied", "a write or connection it does not allow (EACCES)"),
        ("EACCES", "a write or connection it does not allow (EACCES)"),
        ("Operation not permitted", "an operation it does not allow (EPERM)"),
        ("Connection refused", "a network connection (no network in the sandbox)"),
        ("ECONNREFUSED", "a network connection (no network in the sandbox)"),
        ("Network is unreachable", "a network connection (no network in the sandbox)"),
        ("Temporary failure in name resolution", "a network connection (no network in the sandbox)"),
        ("Name or service not known", "a network connection (no network in the sandbox)"),
    ];

    /// <summary>What the sandbox seems to have denied, from <paramref name="output"/>; null when nothing points to it.</summary>
    public static string? Find(string output) =>
        Signs.FirstOrDefault(s => output.Contains(s.Text, StringComparison.Ordinal)).Meaning;
}
