using System;
using ChamberFirmware.Hal.Clock;

namespace ChamberFirmware.Starvation
{
    /// <summary>
    /// The run's monotonic clock: nanoCLR's wall clock in µs since construction; every read is a
    /// progress note for the <see cref="StallDetector"/>. DateTime.UtcNow is the only
    /// sub-millisecond clock nanoCLR for Linux offers (CLOCK_REALTIME in 100 ns ticks;
    /// Environment.TickCount64 counts whole milliseconds); a run lasts seconds, so a wall-clock step
    /// is not a concern.
    /// </summary>
    public sealed class RealTimeClock : IMonotonicClock
    {
        private readonly long _originTicks = DateTime.UtcNow.Ticks;
        private readonly StallDetector _stalls;

        public RealTimeClock(StallDetector stalls)
        {
            _stalls = stalls;
        }

        public StallDetector Stalls => _stalls;

        public long NowMicroseconds
        {
            get
            {
                long now = (DateTime.UtcNow.Ticks - _originTicks) / 10;
                _stalls.Note(now);
                return now;
            }
        }
    }
}
