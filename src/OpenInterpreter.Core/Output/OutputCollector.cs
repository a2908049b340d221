using System.Text;

namespace OpenInterpreter.Core.Output;

/// <summary>
/// Collects one run's output for the model in bounded memory: the first and the last characters are kept, and once
/// the output outgrows <c>max_output</c> all of it also goes to a file whose path the model is given. A line rewritten
/// in place with carriage returns (a progress bar) is kept in its final state only, as the terminal shows it.
/// </summary>
public sealed class OutputCollector : IDisposable
{
    private const int SpillBufferChars = 64 * 1024;
    private readonly int _headLimit;
    private readonly StringBuilder _head = new();
    private readonly TailBuffer _tail;
    private readonly AnsiStripper _stripper = new();
    private readonly OverwrittenLineFilter _overwrites = new();
    private readonly string _spillDirectory;
    private StreamWriter? _spill;

    /// <param name="maxChars">How many characters the model may get (head and tail together).</param>
    /// <param name="spillDirectory">Where the whole output is written when it is too long for the model.</param>
    public OutputCollector(int maxChars, string spillDirectory)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, 2);
        _headLimit = maxChars / 2;
        _tail = new TailBuffer(maxChars - _headLimit);
        _spillDirectory = spillDirectory;
    }

    /// <summary>
    /// Characters kept so far, after escape sequences and overwritten states of a line were removed; the line still
    /// open counts once <see cref="Complete"/> was called.
    /// </summary>
    public long TotalChars { get; private set; }

    /// <summary>The file holding the whole output, once it was too long for the model; otherwise null.</summary>
    public string? FullOutputPath { get; private set; }

    /// <summary>Adds a piece of output as the program wrote it.</summary>
    public void Append(string text) => Keep(_stripper.Strip(_overwrites.Filter(text)));

    /// <summary>The output ended: its last line, held back while a carriage return could still rewrite it, is kept as it stands.</summary>
    public void Complete() => Keep(_stripper.Strip(_overwrites.Flush()));

    /// <summary>The text handed to the model: all of it, or its head and tail around a note of what was left out.</summary>
    public string ToModelText()
    {
        Complete();
        _spill?.Flush();
        if (FullOutputPath is null)
        {
            return _head.ToString() + _tail;
        }

        var tail = _tail.ToString();
        var omitted = TotalChars - _head.Length - tail.Length;
        return $"{_head}\n\n[... {omitted:N0} characters omitted; the whole output ({TotalChars:N0} characters) is in {FullOutputPath} ...]\n\n{tail}";
    }

    public void Dispose() => _spill?.Dispose();

    private void Keep(string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        if (_spill is null && TotalChars + text.Length > _headLimit + _tail.Capacity)
        {
            StartSpill();
        }

        _spill?.Write(text);
        TotalChars += text.Length;

        var room = _headLimit - _head.Length;
        if (room > 0)
        {
            var toHead = Math.Min(room, text.Length);
            _head.Append(text, 0, toHead);
            text = text[toHead..];
        }

        _tail.Append(text);
    }

    private void StartSpill()
    {
        FullOutputPath = PrivateFile.CreatePath(_spillDirectory, "output", ".txt");
        // A large buffer: StreamWriter's default (1 KiB of characters, over FileStream's 4 KiB) was a write(2) per 4 KiB,
        // 51,200 of them for 200 MB, a third of the time the loop spent on each chunk of a flood.
        _spill = new StreamWriter(PrivateFile.OpenForWriting(FullOutputPath), new UTF8Encoding(false), SpillBufferChars);
        _spill.Write(_head.ToString());
        _spill.Write(_tail.ToString());
    }
}
