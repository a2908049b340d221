using OpenInterpreter.Cli.Terminal;
using Xunit;

namespace OpenInterpreter.Cli.Tests.Terminal;

public sealed class KeyDecoderTests
{
    [Theory]
    [InlineData("\u001b[A", ConsoleKey.UpArrow)]
    [InlineData("\u001bOA", ConsoleKey.UpArrow)]
    [InlineData("\u001b[D", ConsoleKey.LeftArrow)]
    [InlineData("\u001b[H", ConsoleKey.Home)]
    [InlineData("\u001b[1~", ConsoleKey.Home)]
    [InlineData("\u001b[4~", ConsoleKey.End)]
    [InlineData("\u001b[3~", ConsoleKey.Delete)]
    [InlineData("\u007f", ConsoleKey.Backspace)]
    [InlineData("\r", ConsoleKey.Enter)]
    [InlineData("\u001b", ConsoleKey.Escape)]
    public void Terminal_sequences_become_keys(string input, ConsoleKey key) =>
        Assert.Equal(key, Assert.Single(KeyDecoder.Decode(input)).Key);

    [Fact]
    public void Control_letters_text_and_sequences_mixed_in_one_read_come_out_in_order()
    {
        var keys = KeyDecoder.Decode("a\u0001é\u001b[Cb\u0004");
        Assert.Equal(['a', '\u0001', 'é', '\0', 'b', '\u0004'], keys.Select(k => k.KeyChar));
        Assert.Equal(ConsoleKey.A, keys[1].Key);
        Assert.True((keys[1].Modifiers & ConsoleModifiers.Control) != 0);
        Assert.Equal(ConsoleKey.RightArrow, keys[3].Key);
        Assert.Equal(ConsoleKey.D, keys[5].Key);
    }

    [Fact]
    public void An_unknown_sequence_is_dropped_whole_not_typed_as_text()
    {
        var keys = KeyDecoder.Decode("\u001b[200~x");
        Assert.Equal("x", string.Concat(keys.Select(k => k.KeyChar)));
    }
}
