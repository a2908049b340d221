using System.Security.Cryptography;
using System.Text;

namespace OpenInterpreter.Core.Languages;

/// <summary>
/// A random marker, new for every run, that the driver writes to stdout and stderr after the cell: when it comes
/// through, every byte the cell wrote before it has been read. The code cannot guess it, so it cannot fake it.
/// </summary>
internal sealed class Fence
{
    private Fence(string text)
    {
        Text = text;
        Bytes = Encoding.ASCII.GetBytes(text);
    }

    /// <summary>The fence as the driver receives it and reports it back in its done line.</summary>
    public string Text { get; }

    /// <summary>The fence as it appears in the output streams.</summary>
    public byte[] Bytes { get; }

    /// <summary>A fresh fence; it starts with a control character so ordinary output rarely ends in a piece of one.</summary>
    public static Fence Create() =>
        new("\u001eoi-fence-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) + "\u001e");

    /// <summary>A fence with a chosen text, for tests.</summary>
    internal static Fence FromText(string text) => new(text);

    /// <summary>Where this fence starts in <paramref name="data"/>, or -1.</summary>
    public int IndexIn(ReadOnlySpan<byte> data)
    {
        // Its first byte, a control character, is rare in output: a search for that byte alone is 2-5 times faster
        // than one for the whole fence, which also stops at every output byte equal to one of the fence's hex digits.
        var offset = 0;
        while (data[offset..].IndexOf(Bytes[0]) is var at and >= 0)
        {
            if (data[(offset + at)..].StartsWith(Bytes))
            {
                return offset + at;
            }

            offset += at + 1;
        }

        return -1;
    }

    /// <summary>
    /// How many bytes at the end of <paramref name="data"/> could be the start of this fence, cut by a read
    /// boundary; those must wait for the next read before they are shown.
    /// </summary>
    public int PartialMatchLength(ReadOnlySpan<byte> data)
    {
        var longest = Math.Min(data.Length, Bytes.Length - 1);
        if (longest <= 0 || !data[^longest..].Contains(Bytes[0]))
        {
            return 0;
        }

        for (var length = longest; length > 0; length--)
        {
            if (data[^length..].SequenceEqual(Bytes.AsSpan(0, length)))
            {
                return length;
            }
        }

        return 0;
    }
}
