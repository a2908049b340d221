using OpenInterpreter.Core.Models;
using Xunit;

namespace OpenInterpreter.Core.Tests.Models;

public sealed class SecretMaskTests
{
    [Fact]
    public void Known_keys_and_key_shaped_strings_are_masked()
    {
        var text = SecretMask.Scrub("Authorization: Bearer my-secret-value and sk-abcdefghijklmnopqrstuv", "my-secret-value");
        Assert.DoesNotContain("my-secret-value", text);
        Assert.DoesNotContain("sk-abcdefghijklmnopqrstuv", text);
        Assert.Contains("my-s…(15 chars)", text);
    }
}
