using System.Threading.Channels;

namespace OpenInterpreter.Core.Languages;

/// <summary>Blocking writes for the reader threads, which wait on a full channel so the child waits on its pipe.</summary>
internal static class ChannelWriterExtensions
{
    /// <summary>Writes <paramref name="message"/>, blocking while the channel is full; false once it is closed.</summary>
    public static bool Post(this ChannelWriter<DriverMessage> writer, DriverMessage message)
    {
        while (!writer.TryWrite(message))
        {
            if (!writer.WaitToWriteAsync().AsTask().GetAwaiter().GetResult())
            {
                return false;
            }
        }

        return true;
    }
}
