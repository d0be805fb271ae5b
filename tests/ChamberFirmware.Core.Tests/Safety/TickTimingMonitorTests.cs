using ChamberFirmware.Core.Safety;
using Xunit;

namespace ChamberFirmware.Core.Tests.Safety;

/// <summary>TickTimingMonitor alone: the overrun bound, a clock going back, and the on-time ticks a clear needs.</summary>
public class TickTimingMonitorTests
{
    private const long Start = 1_000_000;

    [Theory]
    [InlineData(0L)]
    [InlineData(-5_000_000L)]
    [InlineData(long.MaxValue)]
    public void The_first_tick_is_never_an_overrun_whatever_its_time(long now)
    {
        var timing = new TickTimingMonitor();
        Assert.Equal(CutReasons.None, timing.Tick(now));
        Assert.Equal(CutReasons.None, timing.Conditions());
    }

    [Fact]
    public void A_tick_exactly_two_and_a_half_periods_late_is_on_time_and_one_microsecond_more_is_an_overrun()
    {
        var timing = new TickTimingMonitor();
        timing.Tick(Start);
        Assert.Equal(CutReasons.None, timing.Tick(Start + SafetyTiming.OverrunMicroseconds));
        Assert.Equal(CutReasons.None, timing.Conditions());

        long last = Start + SafetyTiming.OverrunMicroseconds;
        Assert.Equal(CutReasons.SupervisorOverrun, timing.Tick(last + SafetyTiming.OverrunMicroseconds + 1));
        Assert.Equal(CutReasons.SupervisorOverrun, timing.Conditions());
    }

    [Fact]
    public void A_clock_that_goes_back_by_one_microsecond_is_an_overrun_and_the_same_time_again_is_not()
    {
        var timing = new TickTimingMonitor();
        timing.Tick(Start);
        Assert.Equal(CutReasons.None, timing.Tick(Start));
        Assert.Equal(CutReasons.SupervisorOverrun, timing.Tick(Start - 1));
    }

    [Fact]
    public void The_overrun_condition_lasts_only_for_the_late_tick()
    {
        var timing = new TickTimingMonitor();
        timing.Tick(Start);
        timing.Tick(Start + 100_000);
        Assert.Equal(CutReasons.SupervisorOverrun, timing.Conditions());
        Assert.Equal(CutReasons.None, timing.Tick(Start + 110_000));
        Assert.Equal(CutReasons.None, timing.Conditions());
    }

    [Fact]
    public void The_time_of_a_late_tick_is_the_reference_for_the_next()
    {
        var timing = new TickTimingMonitor();
        timing.Tick(Start);
        timing.Tick(Start + 100_000);
        Assert.Equal(CutReasons.None, timing.Tick(Start + 100_000 + SafetyTiming.OverrunMicroseconds));
    }

    [Fact]
    public void A_fresh_monitor_does_not_block_a_clear()
    {
        Assert.Equal(CutReasons.None, new TickTimingMonitor().ClearBlockers());
    }

    [Fact]
    public void A_clear_is_blocked_until_the_tenth_on_time_tick_after_an_overrun()
    {
        var timing = new TickTimingMonitor();
        long now = Start;
        timing.Tick(now);
        now += SafetyTiming.OverrunMicroseconds + 1;
        timing.Tick(now);
        for (int onTime = 1; onTime < SafetyTiming.RearmOnTimeTicks; onTime++)
        {
            now += SafetyTiming.PeriodMicroseconds;
            Assert.Equal(CutReasons.None, timing.Tick(now));
            Assert.Equal(CutReasons.SupervisorOverrun, timing.ClearBlockers());
        }

        now += SafetyTiming.PeriodMicroseconds;
        timing.Tick(now);
        Assert.Equal(CutReasons.None, timing.ClearBlockers());
    }

    [Fact]
    public void A_new_overrun_restarts_the_count_of_on_time_ticks()
    {
        var timing = new TickTimingMonitor();
        long now = Start;
        timing.Tick(now);
        for (int i = 0; i < 20; i++)
        {
            now += SafetyTiming.PeriodMicroseconds;
            timing.Tick(now);
        }

        Assert.Equal(CutReasons.None, timing.ClearBlockers());
        timing.Tick(now - 1);
        Assert.Equal(CutReasons.SupervisorOverrun, timing.ClearBlockers());
    }

    [Fact]
    public void The_count_of_on_time_ticks_saturates_instead_of_wrapping_into_a_blocker()
    {
        // 2^31 on-time ticks is 248 days of uptime: the count must stay at its maximum, not wrap negative.
        var timing = new TickTimingMonitor();
        timing.Tick(Start);
        PrivateState.Set(timing, "_ticksSinceOverrun", int.MaxValue - 1);
        long now = Start;
        for (int i = 0; i < 3; i++)
        {
            now += SafetyTiming.PeriodMicroseconds;
            timing.Tick(now);
            Assert.Equal(CutReasons.None, timing.ClearBlockers());
        }
    }
}
