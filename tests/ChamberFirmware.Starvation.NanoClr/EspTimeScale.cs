using ChamberFirmware.Hal.Clock;

namespace ChamberFirmware.Starvation
{
    /// <summary>
    /// Makes firmware work occupy the interpreter as long as it would on the ESP32: after the real
    /// work, busy interpreted work of (factor − 1) times its duration. The busy work counts the
    /// calling thread's own interpreter time (small clock steps; a longer step means another thread
    /// ran or the process stalled, and does not count), so a stretch that the quantum interrupts
    /// still costs its full amount, and a slower or busier machine does not lengthen it. nanoCLR's
    /// scheduler sees only interpreted work, so a thread running a stretched step holds the
    /// interpreter as long as the ESP32 would, against the same wall-clock quantum (20 ms) and
    /// periods (docs/safety.md, "The supervisor is never starved").
    /// The factor is anchored to docs/safety.md: the ESP32 estimate there is x86 instructions ÷ 7,100
    /// per µs (nanoCLR on one core of these machines) × 104 (CoreMark). This machine's speed varies
    /// with its load, so the factor of a run is 104 × (the x86 time a heartbeat verify and a status
    /// frame take by that estimate) / (their time in this run): those two then take their table
    /// estimates (8.02 and 11.43 ms), and so does the work a link chunk consists of (SHA-256
    /// compressions, frame handling). The handshake is both ends of the link, so it does not anchor.
    /// </summary>
    public sealed class EspTimeScale
    {
        /// <summary>ESP32 time over nanoCLR-on-x86 time (CoreMark), docs/safety.md "Device timing on nanoCLR".</summary>
        public const int CoreMarkFactor = 104;

        /// <summary>
        /// nanoCLR x86 time per call of heartbeat verify and status frame by the estimate, in 0.1 µs:
        /// (547,147 + 780,059 instructions, the table in docs/safety.md; the guard's baseline,
        /// tests/bench/nanoclr-baseline.json, is within 0.1 % of it) ÷ 7,100 per µs = 186.9 µs.
        /// </summary>
        public const long TableAnchorTenthsOfMicroseconds = 1869;

        /// <summary>A clock step longer than this is not the thread's own time: another thread ran, or the process did not.</summary>
        public const long OwnStepMicroseconds = 100;

        private readonly IMonotonicClock _clock;
        private long _factorPermille = CoreMarkFactor * 1000L;
        private int _sink;
        private int _capped;

        public EspTimeScale(IMonotonicClock clock)
        {
            _clock = clock;
        }

        /// <summary>This run's ESP32 time over x86 time, in thousandths.</summary>
        public long FactorPermille => _factorPermille;

        /// <summary>Sets the factor from this run's x86 time of a heartbeat verify and a status frame (µs, summed).</summary>
        public void Anchor(long anchorMicroseconds)
        {
            _factorPermille = CoreMarkFactor * 100L * TableAnchorTenthsOfMicroseconds / anchorMicroseconds;
        }

        /// <summary>The ESP32 estimate of <paramref name="x86Microseconds"/> of this run's interpreter time.</summary>
        public long ToEsp32Microseconds(long x86Microseconds)
        {
            return x86Microseconds * _factorPermille / 1000;
        }

        /// <summary>Measurements over their cap (a quantum or an OS stall fell inside the real work).</summary>
        public int Capped => _capped;

        /// <summary>
        /// Adds (factor − 1) × the real work's x86 time of the calling thread's own interpreter time.
        /// The real work was timed on the clock: a quantum that expired inside it, or an OS stall,
        /// makes it look long, so it counts at most <paramref name="capMicroseconds"/>.
        /// </summary>
        public void Stretch(long x86Microseconds, long capMicroseconds)
        {
            if (x86Microseconds > capMicroseconds)
            {
                x86Microseconds = capMicroseconds;
                _capped++;
            }

            if (x86Microseconds > 0)
            {
                Spend(x86Microseconds * (_factorPermille - 1000) / 1000);
            }
        }

        /// <summary>Keeps the calling thread busy in the interpreter for <paramref name="microseconds"/> of its own time.</summary>
        public void Spend(long microseconds)
        {
            long last = _clock.NowMicroseconds;
            long own = 0;
            int s = _sink;
            while (own < microseconds)
            {
                for (int k = 0; k < 8; k++)
                {
                    s = (s << 5) ^ (s >> 3) ^ k;
                }

                long now = _clock.NowMicroseconds;
                if (now - last < OwnStepMicroseconds)
                {
                    own += now - last;
                }

                last = now;
            }

            _sink = s;
        }
    }
}
