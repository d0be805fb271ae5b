using System;

namespace ChamberCtl.Hil;

/// <summary>The target's transport failed (rig unplugged, timeout, unparseable answer): not a test verdict.</summary>
internal sealed class HilTargetException : Exception
{
    public HilTargetException(string message)
        : base(message)
    {
    }

    public HilTargetException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public HilTargetException()
    {
    }
}
