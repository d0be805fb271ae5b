using ChamberFirmware.Core.Link;
using Xunit;

namespace ChamberFirmware.Core.Tests.Link;

/// <summary>The flood budget's token bucket, on explicit times (microseconds), no clock, no sleep.</summary>
public class LinkRateLimiterTests
{
    private const long Second = 1_000_000;

    [Fact]
    public void A_new_bucket_is_full_and_each_spend_takes_exactly_one_token()
    {
        var limiter = new LinkRateLimiter(3, 1);
        Assert.Equal(3, limiter.Tokens);
        Assert.True(limiter.HasToken(0));
        limiter.Spend();
        Assert.Equal(2, limiter.Tokens);
        limiter.Spend();
        limiter.Spend();
        Assert.Equal(0, limiter.Tokens);
        Assert.False(limiter.HasToken(0));
    }

    [Fact]
    public void Capacity_and_rate_below_one_are_raised_to_one()
    {
        var limiter = new LinkRateLimiter(0, 0);
        Assert.Equal(1, limiter.Tokens);
        Assert.True(limiter.HasToken(0));
        limiter.Spend();
        Assert.False(limiter.HasToken(0));
        Assert.False(limiter.HasToken(Second - 1));
        Assert.True(limiter.HasToken(Second));
        Assert.Equal(1, limiter.Tokens);

        var negative = new LinkRateLimiter(-5, -5);
        Assert.Equal(1, negative.Tokens);
        negative.Spend();
        Assert.False(negative.HasToken(0));
        Assert.True(negative.HasToken(Second));
    }

    [Fact]
    public void Spending_an_empty_bucket_does_not_go_into_debt()
    {
        var limiter = new LinkRateLimiter(1, 1);
        Assert.True(limiter.HasToken(0));
        limiter.Spend();
        limiter.Spend();
        limiter.Spend();
        Assert.Equal(0, limiter.Tokens);

        // One second buys one token back, not one third of the debt.
        Assert.True(limiter.HasToken(Second));
        Assert.Equal(1, limiter.Tokens);
    }

    [Fact]
    public void The_first_call_only_starts_the_clock_and_a_token_comes_back_after_exactly_one_period()
    {
        var limiter = new LinkRateLimiter(2, 4);
        limiter.Spend();
        limiter.Spend();

        // The first call at a late time refills nothing: the bucket starts counting there.
        Assert.False(limiter.HasToken(10 * Second));
        Assert.False(limiter.HasToken(10 * Second + 249_999));
        Assert.True(limiter.HasToken(10 * Second + 250_000));
        Assert.Equal(1, limiter.Tokens);
    }

    [Fact]
    public void A_long_quiet_time_refills_to_the_capacity_and_no_further()
    {
        var limiter = new LinkRateLimiter(5, 10);
        Assert.True(limiter.HasToken(0));
        for (int i = 0; i < 5; i++)
        {
            limiter.Spend();
        }

        Assert.True(limiter.HasToken(3600 * Second));
        Assert.Equal(5, limiter.Tokens);
        for (int i = 0; i < 5; i++)
        {
            limiter.Spend();
        }

        Assert.False(limiter.HasToken(3600 * Second));

        // Refilled from the moment the cap was reached, not from the old reference.
        Assert.False(limiter.HasToken(3600 * Second + 99_999));
        Assert.True(limiter.HasToken(3600 * Second + 100_000));
        Assert.Equal(1, limiter.Tokens);
    }

    [Fact]
    public void A_full_bucket_polled_often_keeps_its_reference_so_the_refill_after_a_spend_is_on_time()
    {
        // 1 token/s: a poll 0.5 ms after the start gains nothing and must not move the reference.
        var limiter = new LinkRateLimiter(1, 1);
        Assert.True(limiter.HasToken(0));
        Assert.True(limiter.HasToken(500));
        limiter.Spend();
        Assert.True(limiter.HasToken(Second));
    }

    [Fact]
    public void Slow_rates_still_accumulate_when_polled_more_often_than_one_milli_token()
    {
        // 7 tokens/s polled every 150 µs: each poll gains 1.05 milli-tokens; the fraction is kept
        // by advancing the reference only by the time used.
        var limiter = new LinkRateLimiter(10, 7);
        for (int i = 0; i < 10; i++)
        {
            limiter.Spend();
        }

        long now = 0;
        Assert.False(limiter.HasToken(now));
        while (now < Second)
        {
            now += 150;
            limiter.HasToken(now);
        }

        Assert.Equal(7, limiter.Tokens);
    }

    [Fact]
    public void A_clock_that_steps_back_gains_nothing_and_loses_nothing()
    {
        var limiter = new LinkRateLimiter(2, 1);
        Assert.True(limiter.HasToken(5 * Second));
        limiter.Spend();
        limiter.Spend();
        Assert.False(limiter.HasToken(4 * Second));
        Assert.Equal(0, limiter.Tokens);

        // Still counted from 5 s: one token at 6 s.
        Assert.False(limiter.HasToken(6 * Second - 1));
        Assert.True(limiter.HasToken(6 * Second));
    }

    [Fact]
    public void Filling_up_exactly_to_the_capacity_restarts_the_refill_from_that_moment()
    {
        // 1 token/s: at 1,000,999 µs exactly 1000 milli-tokens are gained, which fills the bucket;
        // the 999 µs not yet worth a milli-token are dropped with the rest of a full bucket's time.
        var limiter = new LinkRateLimiter(1, 1);
        Assert.True(limiter.HasToken(0));
        limiter.Spend();
        Assert.True(limiter.HasToken(1_000_999));
        limiter.Spend();
        Assert.False(limiter.HasToken(2_000_000));
        Assert.True(limiter.HasToken(2_000_999));
    }
}
