using System;
using ChamberFirmware.Hal.Clock;

namespace ChamberFirmware.Hal.Simulated.Minimal
{
    /// <summary>
    /// A manual clock without a lock: one field read, about what the ESP32 adapter's native timer
    /// read costs. For one thread only (ManualClock is the thread-safe one).
    /// </summary>
    public sealed class MinimalClock : IMonotonicClock
    {
        private long _now;

        public long NowMicroseconds => _now;

        public void AdvanceMicroseconds(long microseconds)
        {
            if (microseconds < 0)
            {
                throw new ArgumentOutOfRangeException("microseconds", "time does not go back");
            }

            _now += microseconds;
        }
    }
}
