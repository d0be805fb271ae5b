using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ChamberFirmware.Starvation.Tests;

/// <summary>Order statistics of a set of tick intervals (µs).</summary>
public sealed class IntervalStats
{
    private readonly long[] _sorted;

    public IntervalStats(IEnumerable<long> intervals)
    {
        _sorted = intervals.OrderBy(v => v).ToArray();
        if (_sorted.Length == 0)
        {
            throw new ArgumentException("no intervals");
        }
    }

    public int Count => _sorted.Length;

    public long Max => _sorted[^1];

    public long Median => Percentile(50);

    /// <summary>The smallest interval at least <paramref name="percent"/> % of the intervals do not exceed.</summary>
    public long Percentile(double percent) => _sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * _sorted.Length) - 1, 0, _sorted.Length - 1)];

    public int Over(long microseconds) => _sorted.Count(v => v > microseconds);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"n={Count} median={Median / 1000.0:0.0} p99={Percentile(99) / 1000.0:0.0} p99.9={Percentile(99.9) / 1000.0:0.0} max={Max / 1000.0:0.0} ms, >20 ms: {Over(20_000)}, >25 ms: {Over(25_000)}");
}
