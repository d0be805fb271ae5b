using ChamberFirmware.Hal.Clock;

namespace ChamberFirmware.Core.Runtime
{
    /// <summary>
    /// Drift-free periodic scheduling on the monotonic clock: each deadline is the previous one plus
    /// the period (not "now + period"), so the time a step takes does not accumulate. A loop that
    /// fell more than one period behind skips to now instead of bursting: the supervisor sees the
    /// late tick as an overrun and cuts, which is the right reaction. Allocation-free.
    /// It sleeps whole milliseconds rounded up and never spins: on nanoCLR a Thread.Sleep(0) puts the
    /// caller behind every other ready thread, so spinning to the exact deadline would hand a
    /// lower-priority thread its turn (up to the 20 ms quantum) just before the step. A step
    /// therefore starts up to about 1 ms after its deadline.
    /// </summary>
    public sealed class PeriodicLoop
    {
        private readonly IMonotonicClock _clock;
        private readonly IThreadScheduler _scheduler;
        private readonly long _periodMicroseconds;
        private long _next;

        public PeriodicLoop(IMonotonicClock clock, IThreadScheduler scheduler, int periodMilliseconds)
        {
            if (clock == null || scheduler == null || periodMilliseconds < 1)
            {
                throw new System.ArgumentException("a clock, a scheduler and a period of 1 ms or more");
            }

            _clock = clock;
            _scheduler = scheduler;
            _periodMicroseconds = periodMilliseconds * 1000L;
            _next = clock.NowMicroseconds + _periodMicroseconds;
        }

        /// <summary>The deadline the next <see cref="WaitNext"/> waits for.</summary>
        public long NextDeadlineMicroseconds => _next;

        /// <summary>Blocks until the next deadline (or returns at once when it has passed).</summary>
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
                _scheduler.Sleep((int)((waitMicroseconds + 999) / 1000));
            }

            _next += _periodMicroseconds;
        }
    }
}
