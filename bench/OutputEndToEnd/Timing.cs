/// <summary>One timed run: the code's own time for its writes, the time from its start until the model had the
/// output (the same for a bare run), and the peak resident memory of the process that ran the pipeline.</summary>
internal readonly record struct Timing(double CodeSeconds, double ToModelSeconds, long PeakBytes = 0);
