using System.Threading;
using ChamberFirmware.Hal.Clock;

namespace ChamberFirmware.Starvation
{
    /// <summary>The loops sleep through this (nanoCLR's Thread.Sleep), so the stall detector knows when the supervisor is due.</summary>
    public sealed class HarnessSleeper : IThreadScheduler
    {
        private readonly RealTimeClock _clock;

        public HarnessSleeper(RealTimeClock clock)
        {
            _clock = clock;
        }

        public void Sleep(int milliseconds)
        {
            StallDetector stalls = _clock.Stalls;
            bool supervisor = stalls.IsSupervisor(Thread.CurrentThread);
            if (supervisor)
            {
                long now = _clock.NowMicroseconds;
                stalls.SupervisorSleeps(now, now + (milliseconds * 1000L));
            }

            Thread.Sleep(milliseconds);
            if (supervisor)
            {
                stalls.SupervisorWakes(_clock.NowMicroseconds);
            }
        }

        public void Yield()
        {
            Thread.Sleep(0);
        }
    }
}
