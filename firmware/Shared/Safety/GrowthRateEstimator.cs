namespace ChamberFirmware.Core.Safety
{
    /// <summary>
    /// Growth rate of the count in per-mille per second over the last WindowSize accepted samples,
    /// integer math only and allocation-free. Robust to noise: compares the mean count (and mean
    /// time) of the older half of the window with the newer half, so one noisy sample moves the
    /// estimate by only 1/Half of its error. The four half-window sums are kept up to date per
    /// sample (two slots move), so a sample costs a few operations whatever the window size: the
    /// device's interpreter pays for every array access.
    /// </summary>
    public sealed class GrowthRateEstimator
    {
        public const int WindowSize = 16;
        private const int Half = WindowSize / 2;

        private readonly long[] _times = new long[WindowSize];
        private readonly int[] _counts = new int[WindowSize];
        private int _next;
        private int _filled;
        private int _rate;

        // Sums over the older and the newer half of the full window.
        private long _oldCountSum;
        private long _oldTimeSum;
        private long _newCountSum;
        private long _newTimeSum;

        /// <summary>Latest estimate; 0 until the window is full.</summary>
        public int PermillePerSecond => _rate;

        public bool IsValid => _filled == WindowSize;

        /// <summary>Discards the window (after a sensor fault or a reset of the count).</summary>
        public void Reset()
        {
            _next = 0;
            _filled = 0;
            _rate = 0;
        }

        /// <summary>Adds one sample; returns the new rate (0 until the window is full).</summary>
        public int Add(long timeMicroseconds, int count)
        {
            if (_filled == WindowSize)
            {
                // _next is the oldest slot: it leaves the older half, and the middle slot moves
                // from the newer half to the older one, where the new sample joins the newer half.
                int middle = _next + Half;
                if (middle >= WindowSize)
                {
                    middle -= WindowSize;
                }

                int middleCount = _counts[middle];
                long middleTime = _times[middle];
                _oldCountSum += (long)middleCount - _counts[_next];
                _oldTimeSum += middleTime - _times[_next];
                _newCountSum += (long)count - middleCount;
                _newTimeSum += timeMicroseconds - middleTime;
            }

            _times[_next] = timeMicroseconds;
            _counts[_next] = count;
            _next = _next + 1 == WindowSize ? 0 : _next + 1;
            if (_filled < WindowSize)
            {
                _filled++;
                if (_filled < WindowSize)
                {
                    _rate = 0;
                    return 0;
                }

                SumHalves();
            }

            // Sums, not means: the Half factors cancel except in the denominator's count term.
            long deltaTime = _newTimeSum - _oldTimeSum; // Half × mean time difference
            if (deltaTime <= 0)
            {
                _rate = 0;
                return 0;
            }

            long baseCount = _oldCountSum; // Half × mean old count
            long floor = (long)SafetyTiming.GrowthCountFloor * Half;
            if (baseCount < floor)
            {
                baseCount = floor;
            }

            // rate = Δcount/count × 1000 ‰ / (Δt µs / 1e6) = Δcount × 1e9 / (count × Δt)
            // Δsum ≤ 4 × 1e7, × 1e9 = 4e16 < long.MaxValue. Divide in two steps to keep the
            // denominator small: (Δ × 1e9 / Δt) / base, with Δt and base each multiplied by Half.
            long deltaCount = _newCountSum - _oldCountSum;
            long perTime = deltaCount * 1000000000L / deltaTime; // × Half / Half cancels
            long rate = perTime * Half / baseCount;
            _rate = rate > int.MaxValue ? int.MaxValue : (rate < int.MinValue ? int.MinValue : (int)rate);
            return _rate;
        }

        /// <summary>The half-window sums from scratch, once the window has just filled (_next is the oldest slot).</summary>
        private void SumHalves()
        {
            _oldCountSum = 0;
            _oldTimeSum = 0;
            _newCountSum = 0;
            _newTimeSum = 0;
            for (int i = 0; i < Half; i++)
            {
                int oldIndex = (_next + i) % WindowSize;
                int newIndex = (_next + Half + i) % WindowSize;
                _oldCountSum += _counts[oldIndex];
                _oldTimeSum += _times[oldIndex];
                _newCountSum += _counts[newIndex];
                _newTimeSum += _times[newIndex];
            }
        }
    }
}
