using System;
using ChamberFirmware.Hal.Clock;

namespace ChamberFirmware.Hal.Simulated;

/// <summary>A clock that moves only when told to: tests and the simulator own time.</summary>
public sealed class ManualClock : IMonotonicClock
{
    public ManualClock(long startMicroseconds = 0)
    {
        NowMicroseconds = startMicroseconds;
    }

    public long NowMicroseconds { get; private set; }

    public void AdvanceMicroseconds(long microseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(microseconds);
        NowMicroseconds += microseconds;
    }

    public void AdvanceMilliseconds(long milliseconds) => AdvanceMicroseconds(checked(milliseconds * 1000));
}
