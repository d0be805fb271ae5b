using System;
using ChamberFirmware.Hal.Clock;

namespace ChamberFirmware.Hal.Simulated
{

/// <summary>
/// A clock that moves only when told to: tests and the simulator own time. Safe to read from other
/// threads while one thread advances it (the live simulator's TCP link thread reads it): a 64-bit
/// value is not read atomically everywhere, and nanoFramework has no 64-bit Interlocked, so a lock.
/// </summary>
public sealed class ManualClock : IMonotonicClock
{
    private readonly object _lock = new object();
    private long _now;

    public ManualClock(long startMicroseconds = 0)
    {
        _now = startMicroseconds;
    }

    public long NowMicroseconds
    {
        get
        {
            System.Threading.Monitor.Enter(_lock);
            try
            {
                return _now;
            }
            finally
            {
                System.Threading.Monitor.Exit(_lock);
            }
        }
    }

    public void AdvanceMicroseconds(long microseconds)
    {
        if (microseconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(microseconds), "time does not go back");
        }

        System.Threading.Monitor.Enter(_lock);
        try
        {
            _now = checked(_now + microseconds);
        }
        finally
        {
            System.Threading.Monitor.Exit(_lock);
        }
    }

    public void AdvanceMilliseconds(long milliseconds) => AdvanceMicroseconds(checked(milliseconds * 1000));
}
}
