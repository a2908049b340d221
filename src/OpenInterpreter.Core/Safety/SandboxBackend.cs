namespace OpenInterpreter.Core.Safety;

/// <summary>What enforces the sandbox: bubblewrap (namespaces) or Landlock (the kernel's file-system rules).</summary>
public enum SandboxBackend
{
    Bubblewrap,
    Landlock,
}
