using System.Diagnostics;

namespace OpenInterpreter.Core.Languages;

/// <summary>
/// Tells an output pump when its pipe's writer trickles: read after read came small and soon after the one before,
/// within one cell. A few quick reads (a cell printing some lines) never make one, and the cell's fence or a pause of
/// the writer ends one, so a short run is never held up.
/// </summary>
internal struct Trickle
{
    /// <summary>A read smaller than this is small.</summary>
    private const int SmallBytes = 16384;

    /// <summary>How many small reads in a row, each soon after the one before, make a trickle.</summary>
    private const int ReadsInARow = 8;

    /// <summary>"Soon": a millisecond.</summary>
    private static readonly long SoonTicks = Stopwatch.Frequency / 1000;

    private long _lastRead;
    private int _inARow;
    private bool _filled;

    /// <summary>Whether to pause before the next read: the writer trickles, and the last read did not fill the
    /// buffer (when it did, more is waiting).</summary>
    public readonly bool PauseFirst => _inARow >= ReadsInARow && !_filled;

    /// <summary>Takes in a read of <paramref name="bytes"/>: whether the cell's fence was among them, and whether they
    /// filled the buffer.</summary>
    public void Read(int bytes, bool fenceFound, bool filled)
    {
        var now = Stopwatch.GetTimestamp();
        if (fenceFound || now - _lastRead >= SoonTicks)
        {
            _inARow = 0;
        }
        else if (bytes < SmallBytes && _inARow < ReadsInARow)
        {
            // A large read while trickling leaves it trickling: the writer outran one pause, not the pauses.
            _inARow++;
        }

        _filled = filled;
        _lastRead = now;
    }
}
