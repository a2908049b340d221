namespace OpenInterpreter.Core.Safety;

/// <summary>What a permission rule does when it matches: deny beats ask beats allow.</summary>
public enum RuleKind
{
    Allow,
    Ask,
    Deny,
}
