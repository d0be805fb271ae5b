using System;
using System.Linq;
using ChamberFirmware.Core.Runtime;
using ChamberFirmware.Hal.Simulated;
using Xunit;

namespace ChamberFirmware.Core.Tests.Runtime;

public sealed class PeriodicLoopTests
{
    [Fact]
    public void Each_wait_sleeps_to_the_deadline_rounded_up_so_a_step_never_starts_early()
    {
        var clock = new ManualClock(1_000);
        var scheduler = new RecordingScheduler(clock);
        var loop = new PeriodicLoop(clock, scheduler, 10);

        clock.AdvanceMicroseconds(3_400);
        loop.WaitNext();

        // 6.6 ms left: 7 ms of sleep, one sleep, no Thread.Sleep(0) spin.
        Assert.Equal(new[] { 7 }, scheduler.Sleeps);
        Assert.Equal(0, scheduler.Yields);
        Assert.True(clock.NowMicroseconds >= 11_000);
    }

    [Fact]
    public void The_time_a_step_takes_does_not_accumulate_into_the_schedule()
    {
        var clock = new ManualClock(0);
        var scheduler = new RecordingScheduler(clock);
        var loop = new PeriodicLoop(clock, scheduler, 10);

        for (int step = 1; step <= 50; step++)
        {
            loop.WaitNext();
            clock.AdvanceMicroseconds(2_300);
        }

        // Deadlines stay on the 10 ms grid: the 50th step started at 500 ms, not 50 × (10 + 2.3).
        Assert.Equal(510_000, loop.NextDeadlineMicroseconds);
        Assert.InRange(clock.NowMicroseconds, 502_300, 503_300);
        Assert.DoesNotContain(0, scheduler.Sleeps);
    }

    [Fact]
    public void A_step_late_by_less_than_a_period_catches_up_without_sleeping()
    {
        var clock = new ManualClock(0);
        var scheduler = new RecordingScheduler(clock);
        var loop = new PeriodicLoop(clock, scheduler, 10);
        clock.AdvanceMicroseconds(17_000);

        loop.WaitNext();

        Assert.Empty(scheduler.Sleeps);
        Assert.Equal(20_000, loop.NextDeadlineMicroseconds);
    }

    [Fact]
    public void A_loop_more_than_a_period_behind_skips_to_now_instead_of_bursting()
    {
        var clock = new ManualClock(0);
        var scheduler = new RecordingScheduler(clock);
        var loop = new PeriodicLoop(clock, scheduler, 10);
        clock.AdvanceMicroseconds(95_000);

        loop.WaitNext();
        loop.WaitNext();

        // The first call returns at once (resynchronised to 95 ms), the second waits a whole period.
        Assert.Equal(new[] { 10 }, scheduler.Sleeps);
        Assert.Equal(115_000, loop.NextDeadlineMicroseconds);
    }

    [Fact]
    public void It_refuses_a_missing_clock_or_scheduler_and_a_period_under_a_millisecond()
    {
        var clock = new ManualClock(0);
        Assert.Throws<ArgumentException>(() => new PeriodicLoop(null!, new RecordingScheduler(), 10));
        Assert.Throws<ArgumentException>(() => new PeriodicLoop(clock, null!, 10));
        Assert.Throws<ArgumentException>(() => new PeriodicLoop(clock, new RecordingScheduler(), 0));
    }
}
