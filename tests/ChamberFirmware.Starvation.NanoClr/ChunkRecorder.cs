using ChamberFirmware.Hal.Clock;

namespace ChamberFirmware.Starvation
{
    /// <summary>
    /// The link server's scheduler while the costs are probed (one thread, nothing else running):
    /// records the longest stretch of work between two yields, without yielding.
    /// </summary>
    public sealed class ChunkRecorder : IThreadScheduler
    {
        private readonly IMonotonicClock _clock;
        private long _mark;
        private long _longest;

        public ChunkRecorder(IMonotonicClock clock)
        {
            _clock = clock;
        }

        /// <summary>Starts an operation.</summary>
        public void Begin()
        {
            _longest = 0;
            _mark = _clock.NowMicroseconds;
        }

        /// <summary>Ends the operation and returns its longest chunk (x86 µs).</summary>
        public long End()
        {
            Yield();
            return _longest;
        }

        public void Sleep(int milliseconds)
        {
            Yield();
        }

        public void Yield()
        {
            long now = _clock.NowMicroseconds;
            if (now - _mark > _longest)
            {
                _longest = now - _mark;
            }

            _mark = now;
        }
    }
}
