namespace OpenInterpreter.Testing;

/// <summary>
/// How fast a reply streams, the way a real model's does: a wait before the first token, then token-sized chunks
/// (<paramref name="MinChunk"/> to <paramref name="MaxChunk"/> characters, sizes fixed by a seed so runs repeat)
/// with a wait between them. Set per reply with <see cref="FakeReply.Paced"/>; replies without it answer at once.
/// </summary>
public sealed record Pacing(TimeSpan FirstToken, TimeSpan PerChunk, int MinChunk = 1, int MaxChunk = 4, int Seed = 9)
{
    /// <summary>About a hosted model's speed: 0.4 s to the first token, then 1–4 characters every 15 ms.</summary>
    public static Pacing Model { get; } = new(TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(15));

    /// <summary>A slow model: 1 s to the first token, then a chunk every 60 ms.</summary>
    public static Pacing Slow { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(60));

    /// <summary><paramref name="text"/> in token-sized pieces.</summary>
    public IEnumerable<string> Pieces(string text)
    {
        var random = new Random(Seed);
        for (var i = 0; i < text.Length;)
        {
            var length = Math.Min(random.Next(MinChunk, MaxChunk + 1), text.Length - i);
            // A surrogate pair stays whole, as a tokenizer keeps it.
            if (char.IsHighSurrogate(text[i + length - 1]) && i + length < text.Length)
            {
                length++;
            }

            yield return text.Substring(i, length);
            i += length;
        }
    }

    /// <summary>Waits before chunk number <paramref name="index"/> (0: the first token).</summary>
    public Task BeforeChunkAsync(int index) => Task.Delay(index == 0 ? FirstToken : PerChunk);
}
