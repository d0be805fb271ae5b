namespace ChamberFirmware.Core.Safety
{
    /// <summary>
    /// Growth rate of the count in per-mille per second over the last WindowSize accepted samples,
    /// integer math only and allocation-free. Robust to noise: compares the mean count (and mean
    /// time) of the older half of the window with the newer half, so one noisy sample moves the
    /// estimate by only 1/Half of its error.
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

        /// <summary>Latest estimate; 0 until the window is full.</summary>
        public int PermillePerSecond => _rate;

        public bool IsValid => _filled == WindowSize;

        public void Reset()
        {
            _next = 0;
            _filled = 0;
            _rate = 0;
        }

        public void Add(long timeMicroseconds, int count)
        {
            _times[_next] = timeMicroseconds;
            _counts[_next] = count;
            _next = (_next + 1) % WindowSize;
            if (_filled < WindowSize)
            {
                _filled++;
            }

            _rate = _filled == WindowSize ? Compute() : 0;
        }

        private int Compute()
        {
            // _next is the oldest slot once the window is full.
            long oldCount = 0;
            long oldTime = 0;
            long newCount = 0;
            long newTime = 0;
            for (int i = 0; i < Half; i++)
            {
                int oldIndex = (_next + i) % WindowSize;
                int newIndex = (_next + Half + i) % WindowSize;
                oldCount += _counts[oldIndex];
                oldTime += _times[oldIndex];
                newCount += _counts[newIndex];
                newTime += _times[newIndex];
            }

            // Sums, not means: the Half factors cancel except in the denominator's count term.
            long deltaTime = newTime - oldTime; // Half × mean time difference
            if (deltaTime <= 0)
            {
                return 0;
            }

            long baseCount = oldCount; // Half × mean old count
            long floor = (long)SafetyTiming.GrowthCountFloor * Half;
            if (baseCount < floor)
            {
                baseCount = floor;
            }

            // rate = Δcount/count × 1000 ‰ / (Δt µs / 1e6) = Δcount × 1e9 / (count × Δt)
            // Δsum ≤ 4 × 1e7, × 1e9 = 4e16 < long.MaxValue. Divide in two steps to keep the
            // denominator small: (Δ × 1e9 / Δt) / base, with Δt and base each multiplied by Half.
            long deltaCount = newCount - oldCount;
            long perTime = deltaCount * 1000000000L / deltaTime; // × Half / Half cancels
            long rate = perTime * Half / baseCount;
            if (rate > int.MaxValue)
            {
                return int.MaxValue;
            }

            if (rate < int.MinValue)
            {
                return int.MinValue;
            }

            return (int)rate;
        }
    }
}
