using System.Text;

namespace OpenInterpreter.Testing;

/// <summary>
/// Writes a tiny llama-architecture model in GGUF (version 3) with random weights: two layers, 64-wide, a
/// SentencePiece-style vocabulary of control, byte and word tokens, and a ChatML chat template. It loads and runs in
/// llama.cpp like a real model but writes nonsense; its output layer favours word tokens, so greedy decoding never
/// picks end-of-text and a reply always runs to its token limit.
/// </summary>
public static class TinyGgufModel
{
    private const int Embedding = 64;
    private const int Layers = 2;
    private const int Heads = 4;
    private const int FeedForward = 128;
    private const int ContextLength = 2048;
    private const int Alignment = 32;

    private static readonly string[] Words =
    [
        "▁the", "▁a", "▁code", "▁print", "▁run", "▁file", "▁list", "▁hello", "▁world", "▁python", "▁shell", "▁data",
        "▁value", "▁result", "▁is", "▁and", "▁to", "▁of", "▁in", "▁it", "▁for", "▁this", "▁that", "▁with", "▁on",
        "ing", "ed", "er", "s", "▁", ".", ",", ":", "(", ")", "=", "+", "-", "0", "1", "2", "3", "4", "5", "6", "7",
        "8", "9", "a", "b", "c", "d", "e", "f", "g", "h", "i", "k", "l", "m", "n", "o", "p", "r", "t", "u", "w", "y",
    ];

    /// <summary>Writes the model to <paramref name="path"/>; the same <paramref name="seed"/> gives the same bytes.</summary>
    public static void Write(string path, int seed = 7)
    {
        var tokens = new List<(string Text, float Score, int Type)>
        {
            ("<unk>", 0, 2), ("<s>", 0, 3), ("</s>", 0, 3), ("<|im_start|>", 0, 3), ("<|im_end|>", 0, 3),
        };
        for (var b = 0; b < 256; b++)
        {
            tokens.Add(($"<0x{b:X2}>", 0, 6));
        }

        var firstWord = tokens.Count;
        tokens.AddRange(Words.Select((w, i) => (w, -(float)i, 1)));

        var random = new Random(seed);
        var vocab = tokens.Count;
        var tensors = new List<(string Name, long[] Shape, float[] Data)>
        {
            ("token_embd.weight", [Embedding, vocab], Fill(random, Embedding * vocab, 0.5f)),
            ("output_norm.weight", [Embedding], Ones(Embedding)),
            ("output.weight", [Embedding, vocab], OutputWeights(random, vocab, firstWord)),
        };
        for (var layer = 0; layer < Layers; layer++)
        {
            var prefix = $"blk.{layer}.";
            tensors.Add((prefix + "attn_norm.weight", [Embedding], Ones(Embedding)));
            tensors.Add((prefix + "attn_q.weight", [Embedding, Embedding], Fill(random, Embedding * Embedding, 0.1f)));
            tensors.Add((prefix + "attn_k.weight", [Embedding, Embedding], Fill(random, Embedding * Embedding, 0.1f)));
            tensors.Add((prefix + "attn_v.weight", [Embedding, Embedding], Fill(random, Embedding * Embedding, 0.1f)));
            tensors.Add((prefix + "attn_output.weight", [Embedding, Embedding], Fill(random, Embedding * Embedding, 0.1f)));
            tensors.Add((prefix + "ffn_norm.weight", [Embedding], Ones(Embedding)));
            tensors.Add((prefix + "ffn_gate.weight", [Embedding, FeedForward], Fill(random, Embedding * FeedForward, 0.1f)));
            tensors.Add((prefix + "ffn_up.weight", [Embedding, FeedForward], Fill(random, Embedding * FeedForward, 0.1f)));
            tensors.Add((prefix + "ffn_down.weight", [FeedForward, Embedding], Fill(random, FeedForward * Embedding, 0.1f)));
        }

        using var file = File.Create(path);
        using var w = new BinaryWriter(file, Encoding.UTF8);
        w.Write("GGUF"u8);
        w.Write(3u);
        w.Write((ulong)tensors.Count);
        var metadata = new List<Action>
        {
            () => String("general.architecture", "llama"),
            () => String("general.name", "tiny-random-llama"),
            () => UInt32("general.alignment", Alignment),
            () => UInt32("llama.context_length", ContextLength),
            () => UInt32("llama.embedding_length", Embedding),
            () => UInt32("llama.block_count", Layers),
            () => UInt32("llama.feed_forward_length", FeedForward),
            () => UInt32("llama.attention.head_count", Heads),
            () => UInt32("llama.attention.head_count_kv", Heads),
            () => UInt32("llama.rope.dimension_count", Embedding / Heads),
            () => Float32("llama.attention.layer_norm_rms_epsilon", 1e-5f),
            () => String("tokenizer.ggml.model", "llama"),
            () => StringArray("tokenizer.ggml.tokens", tokens.Select(t => t.Text).ToList()),
            () => Float32Array("tokenizer.ggml.scores", tokens.Select(t => t.Score).ToList()),
            () => Int32Array("tokenizer.ggml.token_type", tokens.Select(t => t.Type).ToList()),
            () => UInt32("tokenizer.ggml.unknown_token_id", 0),
            () => UInt32("tokenizer.ggml.bos_token_id", 1),
            () => UInt32("tokenizer.ggml.eos_token_id", 2),
            () => Bool("tokenizer.ggml.add_bos_token", true),
            () => Bool("tokenizer.ggml.add_eos_token", false),
            () => String("tokenizer.chat_template",
                "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"),
        };
        w.Write((ulong)metadata.Count);
        foreach (var entry in metadata)
        {
            entry();
        }

        ulong offset = 0;
        foreach (var (name, shape, data) in tensors)
        {
            Text(name);
            w.Write((uint)shape.Length);
            foreach (var dimension in shape)
            {
                w.Write((ulong)dimension);
            }

            w.Write(0u); // GGML_TYPE_F32
            w.Write(offset);
            offset += Aligned((ulong)data.Length * 4);
        }

        Pad();
        foreach (var (_, _, data) in tensors)
        {
            foreach (var value in data)
            {
                w.Write(value);
            }

            Pad();
        }

        void Pad()
        {
            while (w.BaseStream.Position % Alignment != 0)
            {
                w.Write((byte)0);
            }
        }

        void Text(string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            w.Write((ulong)bytes.Length);
            w.Write(bytes);
        }

        void Key(string key, uint type)
        {
            Text(key);
            w.Write(type);
        }

        void UInt32(string key, uint value) { Key(key, 4); w.Write(value); }
        void Float32(string key, float value) { Key(key, 6); w.Write(value); }
        void Bool(string key, bool value) { Key(key, 7); w.Write(value ? (byte)1 : (byte)0); }
        void String(string key, string value) { Key(key, 8); Text(value); }

        void StringArray(string key, List<string> values)
        {
            Key(key, 9);
            w.Write(8u);
            w.Write((ulong)values.Count);
            values.ForEach(Text);
        }

        void Float32Array(string key, List<float> values)
        {
            Key(key, 9);
            w.Write(6u);
            w.Write((ulong)values.Count);
            values.ForEach(w.Write);
        }

        void Int32Array(string key, List<int> values)
        {
            Key(key, 9);
            w.Write(5u);
            w.Write((ulong)values.Count);
            values.ForEach(w.Write);
        }
    }

    private static ulong Aligned(ulong size) => (size + Alignment - 1) / Alignment * Alignment;

    private static float[] Ones(int count) => Enumerable.Repeat(1f, count).ToArray();

    private static float[] Fill(Random random, int count, float scale) =>
        Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2) - 1) * scale).ToArray();

    /// <summary>Rows for control and byte tokens are zero, word rows random: some word always scores above end-of-text.</summary>
    private static float[] OutputWeights(Random random, int vocab, int firstWord)
    {
        var data = new float[Embedding * vocab];
        for (var token = firstWord; token < vocab; token++)
        {
            for (var i = 0; i < Embedding; i++)
            {
                data[(token * Embedding) + i] = (float)((random.NextDouble() * 2) - 1);
            }
        }

        return data;
    }
}
