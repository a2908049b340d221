namespace OpenInterpreter.Core.Output;

/// <summary>A ring of the last <see cref="Capacity"/> characters appended.</summary>
internal sealed class TailBuffer(int capacity)
{
    private readonly char[] _ring = new char[capacity];
    private int _start;
    private int _count;

    public int Capacity => _ring.Length;

    public void Append(ReadOnlySpan<char> text)
    {
        if (Capacity == 0)
        {
            return;
        }

        if (text.Length >= Capacity)
        {
            text[^Capacity..].CopyTo(_ring);
            _start = 0;
            _count = Capacity;
            return;
        }

        foreach (var c in text)
        {
            var end = (_start + _count) % Capacity;
            _ring[end] = c;
            if (_count < Capacity)
            {
                _count++;
            }
            else
            {
                _start = (_start + 1) % Capacity;
            }
        }
    }

    public override string ToString()
    {
        var first = Math.Min(_count, Capacity - _start);
        return string.Concat(_ring.AsSpan(_start, first), _ring.AsSpan(0, _count - first));
    }
}
