using System.Threading;
using ChamberFirmware.Hal.Clock;

namespace ChamberFirmware.App.Esp32
{
    /// <summary>
    /// Drift-free periodic scheduling on the monotonic clock: each deadline is the previous one plus
    /// the period (not "now + period"), so the time a step takes does not accumulate. A loop that
    /// fell more than one period behind skips to the next future deadline instead of bursting: the
    /// supervisor sees the late tick as an overrun and cuts, which is the right reaction.
    /// Allocation-free.
    /// </summary>
    public sealed class PeriodicLoop
    {
        private readonly IMonotonicClock _clock;
        private readonly long _periodMicroseconds;
        private long _next;

        public PeriodicLoop(IMonotonicClock clock, int periodMilliseconds)
        {
            _clock = clock;
            _periodMicroseconds = periodMilliseconds * 1000L;
            _next = clock.NowMicroseconds + _periodMicroseconds;
        }

        /// <summary>Blocks until the next deadline.</summary>
        public void WaitNext()
        {
            long now = _clock.NowMicroseconds;
            if (now - _next > _periodMicroseconds)
            {
                // Too far behind: resynchronise rather than run a burst of catch-up steps.
                _next = now;
            }

            long waitMicroseconds = _next - now;
            if (waitMicroseconds > 0)
            {
                // Thread.Sleep has millisecond resolution: sleep to the millisecond, then yield
                // until the deadline (Sleep(0) gives the slot to equal-priority threads).
                int milliseconds = (int)(waitMicroseconds / 1000);
                if (milliseconds > 0)
                {
                    Thread.Sleep(milliseconds);
                }

                while (_clock.NowMicroseconds < _next)
                {
                    Thread.Sleep(0);
                }
            }

            _next += _periodMicroseconds;
        }
    }
}
