using System;
using ChamberFirmware.Hal.Clock;

namespace ChamberFirmware.Hal.Simulated;

/// <summary>
/// A clock that moves only when told to: tests and the simulator own time. Safe to read from other
/// threads while one thread advances it (the live simulator's TCP link thread reads it).
/// </summary>
public sealed class ManualClock : IMonotonicClock
{
    private long _now;

    public ManualClock(long startMicroseconds = 0)
    {
        _now = startMicroseconds;
    }

    public long NowMicroseconds => System.Threading.Volatile.Read(ref _now);

    public void AdvanceMicroseconds(long microseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(microseconds);
        System.Threading.Interlocked.Add(ref _now, microseconds);
    }

    public void AdvanceMilliseconds(long milliseconds) => AdvanceMicroseconds(checked(milliseconds * 1000));
}
