using System.Threading;
using ChamberFirmware.Hal.Clock;

namespace ChamberFirmware.Starvation
{
    /// <summary>
    /// The link thread's <see cref="IThreadScheduler"/> in the ESP32-representative run: a yield first
    /// stretches the link work done since the previous yield to its ESP32 time, then yields as the
    /// device does (Thread.Sleep(0)). So every stretch of link work between two yields holds the
    /// interpreter as long as it would on the board. <see cref="Mark"/> and <see cref="Flush"/> open
    /// and close a period. One thread only (the link thread).
    /// </summary>
    public sealed class DilatingScheduler : IThreadScheduler
    {
        private readonly RealTimeClock _clock;
        private long _markGaps;
        private readonly EspTimeScale _scale;
        private readonly long _capMicroseconds;
        private long _mark;
        private long _longest;
        private int _chunks;
        private int _capped;

        /// <param name="capMicroseconds">A chunk that measures longer was interrupted (the quantum ran out inside it, or the OS stalled the process) and counts as this much.</param>
        public DilatingScheduler(RealTimeClock clock, EspTimeScale scale, long capMicroseconds)
        {
            _clock = clock;
            _scale = scale;
            _capMicroseconds = capMicroseconds;
        }

        /// <summary>Longest chunk of link work between two yields in the run (x86 µs, after the cap).</summary>
        public long LongestChunk => _longest;

        public int Chunks => _chunks;

        public int CappedChunks => _capped;

        public void Mark()
        {
            _mark = _clock.NowMicroseconds;
            _markGaps = _clock.Stalls.GapMicroseconds;
        }

        public void Flush()
        {
            StretchChunk();
        }

        public void Sleep(int milliseconds)
        {
            StretchChunk();
            Thread.Sleep(milliseconds);
            Mark();
        }

        public void Yield()
        {
            StretchChunk();
            Thread.Sleep(0);
            Activity.Current = Activity.Link;
            Mark();
        }

        private void StretchChunk()
        {
            long chunk = _clock.NowMicroseconds - _mark - (_clock.Stalls.GapMicroseconds - _markGaps);
            if (chunk > _capMicroseconds)
            {
                chunk = _capMicroseconds;
                _capped++;
            }

            _chunks++;
            if (chunk > _longest)
            {
                _longest = chunk;
            }

            Activity.LastLinkChunk = chunk;
            _scale.Stretch(chunk, long.MaxValue);
            Mark();
        }
    }
}
