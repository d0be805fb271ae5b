using ChamberFirmware.Core.Safety;
using Xunit;

namespace ChamberFirmware.Core.Tests.Safety;

public class GrowthRateEstimatorTests
{
    private static GrowthRateEstimator Feed(double start, double perSampleFactor, int samples, long periodMicroseconds = 10_000)
    {
        var estimator = new GrowthRateEstimator();
        double count = start;
        for (int i = 0; i < samples; i++)
        {
            estimator.Add(i * periodMicroseconds, (int)count);
            count *= perSampleFactor;
        }

        return estimator;
    }

    [Fact]
    public void The_rate_is_zero_and_invalid_until_the_window_is_full()
    {
        GrowthRateEstimator estimator = Feed(10_000, 1.01, GrowthRateEstimator.WindowSize - 1);
        Assert.False(estimator.IsValid);
        Assert.Equal(0, estimator.PermillePerSecond);
        estimator.Add(1_000_000, 20_000);
        Assert.True(estimator.IsValid);
    }

    [Theory]
    [InlineData(1.001, 100)]   // 0.1 % per 10 ms ≈ 100 ‰/s
    [InlineData(1.005, 500)]
    [InlineData(1.0, 0)]
    public void A_steady_exponential_growth_reads_as_its_rate(double factor, int expected)
    {
        GrowthRateEstimator estimator = Feed(100_000, factor, 40);
        Assert.InRange(estimator.PermillePerSecond, expected - expected / 10 - 2, expected + expected / 10 + 2);
    }

    [Fact]
    public void A_decaying_count_reads_negative()
    {
        Assert.True(Feed(100_000, 0.995, 40).PermillePerSecond < -400);
    }

    [Fact]
    public void Small_counts_use_the_floor_so_a_few_bots_are_not_runaway()
    {
        // 10 → 25 bots is +150 %, but relative to the 1000-bot floor it is small.
        var estimator = new GrowthRateEstimator();
        for (int i = 0; i < GrowthRateEstimator.WindowSize; i++)
        {
            estimator.Add(i * 10_000, 10 + i);
        }

        Assert.InRange(estimator.PermillePerSecond, 1, 200);
    }

    [Fact]
    public void Reset_empties_the_window()
    {
        GrowthRateEstimator estimator = Feed(100_000, 1.01, 40);
        estimator.Reset();
        Assert.False(estimator.IsValid);
        Assert.Equal(0, estimator.PermillePerSecond);
    }

    [Fact]
    public void Samples_with_the_same_time_do_not_divide_by_zero()
    {
        var estimator = new GrowthRateEstimator();
        for (int i = 0; i < GrowthRateEstimator.WindowSize; i++) estimator.Add(5, 1000 + i);
        Assert.Equal(0, estimator.PermillePerSecond);
    }

    [Fact]
    public void Extreme_counts_do_not_overflow()
    {
        var estimator = new GrowthRateEstimator();
        for (int i = 0; i < GrowthRateEstimator.WindowSize; i++) estimator.Add(i, i < GrowthRateEstimator.WindowSize / 2 ? 0 : 10_000_000);
        Assert.Equal(int.MaxValue, estimator.PermillePerSecond);
    }

    [Fact]
    public void A_collapse_faster_than_int_range_saturates_negative_instead_of_wrapping_into_growth()
    {
        // 10 million bots gone within a microsecond: about -8e9 per-mille per second, below int.MinValue.
        // Wrapped to 32 bits it would read as +5.9e8: a runaway-growth cut for a collapse.
        var estimator = new GrowthRateEstimator();
        for (int i = 0; i < GrowthRateEstimator.WindowSize; i++)
        {
            bool newer = i >= GrowthRateEstimator.WindowSize / 2;
            estimator.Add(i == GrowthRateEstimator.WindowSize - 1 ? 1 : 0, newer ? 0 : 10_000_000);
        }

        Assert.Equal(int.MinValue, estimator.PermillePerSecond);
    }

    [Fact]
    public void The_running_sums_give_the_rate_of_the_window_summed_afresh_over_a_long_random_run_with_resets()
    {
        var random = new System.Random(20261206);
        var estimator = new GrowthRateEstimator();
        var window = new System.Collections.Generic.List<(long Time, int Count)>();
        long time = 0;
        for (int i = 0; i < 20_000; i++)
        {
            if (random.Next(500) == 0)
            {
                estimator.Reset();
                window.Clear();
            }

            time += random.Next(4) == 0 ? random.Next(-3, 50_000) : 10_000; // jitter, stalls and the odd clock step back
            int count = random.Next(3) == 0 ? random.Next(0, 10_000_001) : 1_000 + random.Next(200_000);
            window.Add((time, count));
            if (window.Count > GrowthRateEstimator.WindowSize)
            {
                window.RemoveAt(0);
            }

            int rate = estimator.Add(time, count);
            Assert.Equal(FromScratch(window), rate);
            Assert.Equal(rate, estimator.PermillePerSecond);
        }
    }

    /// <summary>The estimator's definition, summed over the window each time (as it was computed before the running sums).</summary>
    private static int FromScratch(System.Collections.Generic.List<(long Time, int Count)> window)
    {
        const int half = GrowthRateEstimator.WindowSize / 2;
        if (window.Count < GrowthRateEstimator.WindowSize)
        {
            return 0;
        }

        long oldCount = 0, oldTime = 0, newCount = 0, newTime = 0;
        for (int i = 0; i < half; i++)
        {
            oldCount += window[i].Count;
            oldTime += window[i].Time;
            newCount += window[half + i].Count;
            newTime += window[half + i].Time;
        }

        long deltaTime = newTime - oldTime;
        if (deltaTime <= 0)
        {
            return 0;
        }

        long baseCount = System.Math.Max(oldCount, (long)SafetyTiming.GrowthCountFloor * half);
        long rate = (newCount - oldCount) * 1_000_000_000L / deltaTime * half / baseCount;
        return (int)System.Math.Clamp(rate, int.MinValue, int.MaxValue);
    }
}
