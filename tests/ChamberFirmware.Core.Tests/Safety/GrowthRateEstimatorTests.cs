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
}
