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

        // Over the full window: the older half's count sum, and the newer half's sums minus the older half's.
        private long _oldCountSum;
        private long _deltaCount;
        private long _deltaTime;

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

                long oldestCount = _counts[_next];
                long oldestTime = _times[_next];
                long middleCount = _counts[middle];
                long middleTime = _times[middle];
                _oldCountSum += middleCount - oldestCount;
                _deltaCount += count - (2 * middleCount) + oldestCount;
                _deltaTime += timeMicroseconds - (2 * middleTime) + oldestTime;
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
            long deltaTime = _deltaTime; // Half × mean time difference
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
            long deltaCount = _deltaCount;
            long perTime = deltaCount * 1000000000L / deltaTime; // × Half / Half cancels
            long rate = perTime * Half / baseCount;
            _rate = rate > int.MaxValue ? int.MaxValue : (rate < int.MinValue ? int.MinValue : (int)rate);
            return _rate;
        }

        /// <summary>The half-window sums from scratch, once the window has just filled (_next is the oldest slot).</summary>
        private void SumHalves()
        {
            _oldCountSum = 0;
            _deltaCount = 0;
            _deltaTime = 0;
            for (int i = 0; i < Half; i++)
            {
                int oldIndex = (_next + i) % WindowSize;
                int newIndex = (_next + Half + i) % WindowSize;
                _oldCountSum += _counts[oldIndex];
                _deltaCount += (long)_counts[newIndex] - _counts[oldIndex];
                _deltaTime += _times[newIndex] - _times[oldIndex];
            }
        }
    }
}
