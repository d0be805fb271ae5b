using ChamberFirmware.Hal.Clock;

namespace ChamberFirmware.Device.NanoClr
{
    /// <summary>A clock that moves only when a test says so (the host's ManualClock is not in the subset).</summary>
    public sealed class ManualClock : IMonotonicClock
    {
        private long _now;

        public ManualClock(long startMicroseconds)
        {
            _now = startMicroseconds;
        }

        public long NowMicroseconds => _now;

        public void AdvanceMicroseconds(long microseconds) => _now += microseconds;

        public void AdvanceMilliseconds(long milliseconds) => _now += milliseconds * 1000;
    }
}
