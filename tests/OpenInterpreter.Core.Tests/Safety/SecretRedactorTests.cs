using OpenInterpreter.Core.Safety;
using Xunit;

namespace OpenInterpreter.Core.Tests.Safety;

public sealed class SecretRedactorTests
{
    [Fact]
    public void Known_values_and_well_known_formats_are_replaced_by_their_kind()
    {
        var redactor = SecretRedactor.FromEnvironment("sk-my-own-key-0000000000", new Dictionary<string, string>
        {
            ["DB_PASSWORD"] = "hunter2hunter2",
            ["GITHUB_TOKEN"] = "not-a-known-format-123",
            ["EDITOR"] = "vim-is-not-a-secret",
        });
        var text = string.Join('\n',
            "key sk-my-own-key-0000000000",
            "pw hunter2hunter2",
            "gh not-a-known-format-123",
            "editor vim-is-not-a-secret",
            "anthropic sk-ant-api03-abcdefghijklmnopqrstuvwxyz",
            "aws AKIAIOSFODNN7EXAMPLE",
            "slack xoxb-1234567890-abcdefghij",
            "google AIzaSyA1234567890abcdefghijklmnopqrstuv",
            "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
            "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----");

        var (redacted, count) = redactor.Redact(text);

        Assert.Equal(9, count);
        Assert.Contains("key [redacted: API key]", redacted);
        Assert.Contains("pw [redacted: DB_PASSWORD]", redacted);
        Assert.Contains("gh [redacted: GITHUB_TOKEN]", redacted);
        Assert.Contains("editor vim-is-not-a-secret", redacted);
        Assert.Contains("[redacted: Anthropic key]", redacted);
        Assert.Contains("[redacted: AWS key]", redacted);
        Assert.Contains("[redacted: Slack token]", redacted);
        Assert.Contains("[redacted: Google key]", redacted);
        Assert.Contains("[redacted: JWT]", redacted);
        Assert.Contains("[redacted: private key]", redacted);
        Assert.DoesNotContain("b3BlbnNzaC1rZXkt", redacted);
    }

    [Fact]
    public void Ordinary_output_is_left_alone()
    {
        var redactor = SecretRedactor.FromEnvironment(null, new Dictionary<string, string> { ["SHORT_KEY"] = "abc" });
        Assert.Equal(("total 42 abc files, sk-learn is fine", 0), redactor.Redact("total 42 abc files, sk-learn is fine"));
    }
}
