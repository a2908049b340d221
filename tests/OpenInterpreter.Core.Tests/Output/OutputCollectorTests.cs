using OpenInterpreter.Core.Output;
using Xunit;

namespace OpenInterpreter.Core.Tests.Output;

public sealed class OutputCollectorTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("oi-collector-").FullName;

    [Fact]
    public void Short_output_is_handed_over_whole_and_no_file_is_written()
    {
        using var collector = new OutputCollector(100, _directory);
        collector.Append("hello ");
        collector.Append("world\n");
        Assert.Equal("hello world\n", collector.ToModelText());
        Assert.Null(collector.FullOutputPath);
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public void Long_output_keeps_head_and_tail_and_the_whole_in_a_private_file()
    {
        using var collector = new OutputCollector(100, _directory);
        var all = string.Concat(Enumerable.Range(0, 1000).Select(i => $"{i},"));
        foreach (var piece in all.Chunk(7))
        {
            collector.Append(new string(piece));
        }

        var text = collector.ToModelText();
        Assert.StartsWith(all[..50], text);
        Assert.EndsWith(all[^50..], text);
        Assert.Contains($"{all.Length - 100:N0} characters omitted", text);
        Assert.Contains(collector.FullOutputPath!, text);
        Assert.Equal(all, File.ReadAllText(collector.FullOutputPath!));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(collector.FullOutputPath!));
    }

    [Fact]
    public void Escape_sequences_are_removed_even_when_split_between_pieces()
    {
        using var collector = new OutputCollector(100, _directory);
        collector.Append("\u001b[3");
        collector.Append("1mred\u001b[0m plain\r\n");
        Assert.Equal("red plain\n", collector.ToModelText());
    }

    [Fact]
    public void A_progress_line_reaches_the_model_in_its_final_state()
    {
        using var collector = new OutputCollector(100, _directory);
        for (var i = 0; i < 100; i++)
        {
            collector.Append($"\r{i}%");
        }

        Assert.Equal("99%", collector.ToModelText());
    }

    [Fact]
    public void A_last_line_without_a_line_end_is_counted_once_the_output_is_complete()
    {
        using var collector = new OutputCollector(100, _directory);
        collector.Append("line\nno end");
        collector.Complete();
        Assert.Equal("line\nno end".Length, collector.TotalChars);
        Assert.Equal("line\nno end", collector.ToModelText());
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
