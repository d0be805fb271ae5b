using System;

namespace ChamberFirmware.ConsoleLink.Transport;

/// <summary>A record began but its bytes did not all arrive within the frame deadline: the connection ends.</summary>
public sealed class FrameDeadlineException : TimeoutException
{
    public FrameDeadlineException()
        : base("a frame's bytes did not arrive within the frame deadline")
    {
    }

    public FrameDeadlineException(string message)
        : base(message)
    {
    }

    public FrameDeadlineException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public FrameDeadlineException(TimeSpan deadline)
        : base("a frame's bytes did not arrive within " + deadline.TotalMilliseconds + " ms of its first byte")
    {
    }
}
