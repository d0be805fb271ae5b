using ChamberFirmware.Core.Safety;
using ChamberFirmware.Hal.Sensors;
using Xunit;

namespace ChamberFirmware.Core.Tests.Safety;

/// <summary>
/// CounterMonitor alone: what makes a read a sample (new time, Ok, new sequence, in range, not
/// frozen, no jump), freshness, the limits, and what blocks a clear. Reads are stamped by hand.
/// </summary>
public class CounterMonitorTests
{
    private const long Period = SafetyTiming.PeriodMicroseconds;
    private const int Limit = 1_000_000;
    private const int Growth = 500;
    private const CutReasons Unhealthy = CutReasons.Overcount | CutReasons.RunawayGrowth | CutReasons.SensorFault;

    private readonly CounterMonitor _counter = new CounterMonitor();
    private readonly SupervisorInputs _inputs = new SupervisorInputs();
    private long _time = 1_000_000;
    private int _sequence;

    /// <summary>One new read, Period after the previous one, with the next sequence number.</summary>
    private void Read(int count, SensorReadStatus status = SensorReadStatus.Ok)
    {
        _sequence++;
        ReadAgain(count, status, _sequence);
    }

    /// <summary>One new read (new time) with the given sequence number.</summary>
    private void ReadAgain(int count, SensorReadStatus status, int sequence)
    {
        _time += Period;
        _inputs.CounterReadMicroseconds = _time;
        _inputs.CounterStatus = status;
        _inputs.Count = count;
        _inputs.CounterSequence = sequence;
        _counter.Ingest(_inputs);
    }

    private CutReasons Conditions(bool armed = false) => _counter.Conditions(_time, Limit, Growth, armed);

    /// <summary>Samples growing by 1 % each (about 1000 ‰/s), until the growth window is full.</summary>
    private void Grow()
    {
        double count = 10_000;
        for (int i = 0; i < GrowthRateEstimator.WindowSize; i++)
        {
            Read((int)count);
            count *= 1.01;
        }

        Assert.True(_counter.GrowthPermillePerSecond > 0);
    }

    [Fact]
    public void Before_any_read_the_counter_is_a_sensor_fault()
    {
        Assert.Equal(CutReasons.SensorFault, _counter.Conditions(0, Limit, Growth, false));
        Assert.Equal(Unhealthy, _counter.ClearBlockers(0, 1, Growth));
    }

    [Fact]
    public void An_accepted_read_makes_it_healthy_and_sets_the_count()
    {
        Read(2000);
        Assert.Equal(CutReasons.None, Conditions());
        Assert.Equal(2000, _counter.Count);
    }

    [Fact]
    public void The_first_read_is_taken_even_when_stamped_at_time_zero()
    {
        _inputs.CounterReadMicroseconds = 0;
        _inputs.CounterStatus = SensorReadStatus.Ok;
        _inputs.Count = 1500;
        _counter.Ingest(_inputs);
        Assert.Equal(1500, _counter.Count);
        Assert.Equal(CutReasons.None, _counter.Conditions(0, Limit, Growth, false));
    }

    [Fact]
    public void A_read_with_the_same_time_is_not_taken_again()
    {
        Read(2000);
        _inputs.CounterStatus = SensorReadStatus.BusError; // same time: the tick saw no new read
        _counter.Ingest(_inputs);
        Assert.Equal(CutReasons.None, Conditions());

        _inputs.CounterStatus = SensorReadStatus.Ok;
        _inputs.Count = 2100;
        _inputs.CounterSequence = ++_sequence;
        _counter.Ingest(_inputs);
        Assert.Equal(2000, _counter.Count);
    }

    [Fact]
    public void The_sample_is_fresh_for_exactly_the_freshness_budget_from_its_read_time()
    {
        Read(2000);
        long readAt = _time;
        long edge = readAt + SafetyTiming.CounterFreshnessMicroseconds;
        Assert.Equal(CutReasons.None, _counter.Conditions(edge, Limit, Growth, false));
        Assert.Equal(CutReasons.SensorFault, _counter.Conditions(edge + 1, Limit, Growth, false));
    }

    [Fact]
    public void A_clear_sees_the_same_freshness_edge()
    {
        for (int i = 0; i < SafetyTiming.RearmSensorSamples; i++) Read(2000 + i);
        long edge = _time + SafetyTiming.CounterFreshnessMicroseconds;
        Assert.Equal(CutReasons.None, _counter.ClearBlockers(edge, 1_000_000, Growth));
        Assert.Equal(Unhealthy, _counter.ClearBlockers(edge + 1, 1_000_000, Growth));
    }

    [Fact]
    public void Not_ready_is_no_fault_and_no_sample()
    {
        Read(2000);
        Read(9999, SensorReadStatus.NotReady);
        Assert.Equal(CutReasons.None, Conditions());
        Assert.Equal(2000, _counter.Count);
        // ...and it does not make the last sample fresher: freshness still runs from the Ok read.
        Assert.Equal(CutReasons.SensorFault, _counter.Conditions(_time - Period + SafetyTiming.CounterFreshnessMicroseconds + 1, Limit, Growth, false));
    }

    [Fact]
    public void Not_ready_does_not_heal_a_fault()
    {
        Read(2000);
        Read(2000, SensorReadStatus.CrcMismatch);
        Read(2000, SensorReadStatus.NotReady);
        Assert.Equal(CutReasons.SensorFault, Conditions());
    }

    [Theory]
    [InlineData(SensorReadStatus.AddressNotAcknowledged)]
    [InlineData(SensorReadStatus.BusError)]
    [InlineData(SensorReadStatus.CrcMismatch)]
    [InlineData(SensorReadStatus.InvalidData)]
    public void A_failed_read_is_a_fault_at_once_and_keeps_the_last_count(SensorReadStatus status)
    {
        Read(2000);
        Read(3000, status);
        Assert.Equal(CutReasons.SensorFault, Conditions());
        Assert.Equal(2000, _counter.Count);
    }

    [Fact]
    public void A_good_read_after_a_fault_heals_the_fault_at_once()
    {
        Read(2000);
        Read(2000, SensorReadStatus.BusError);
        Read(2001);
        Assert.Equal(CutReasons.None, Conditions());
    }

    [Fact]
    public void Three_repeats_of_a_sequence_number_are_tolerated_and_the_fourth_is_a_fault()
    {
        Read(2000);
        for (int repeat = 1; repeat <= SafetyTiming.FrozenSequenceLimit; repeat++)
        {
            ReadAgain(2500 + repeat, SensorReadStatus.Ok, _sequence);
            Assert.Equal(CutReasons.None, Conditions());
            Assert.Equal(2000, _counter.Count); // a repeat is not a sample
        }

        ReadAgain(2600, SensorReadStatus.Ok, _sequence);
        Assert.Equal(CutReasons.SensorFault, Conditions());
    }

    [Fact]
    public void A_new_sequence_number_restarts_the_count_of_repeats()
    {
        Read(2000);
        for (int round = 0; round < 3; round++)
        {
            for (int repeat = 0; repeat < SafetyTiming.FrozenSequenceLimit; repeat++) ReadAgain(2000, SensorReadStatus.Ok, _sequence);
            Read(2001 + round);
            Assert.Equal(CutReasons.None, Conditions());
        }
    }

    [Fact]
    public void The_first_sequence_number_is_taken_even_when_it_is_zero()
    {
        ReadAgain(2000, SensorReadStatus.Ok, 0);
        Assert.Equal(2000, _counter.Count);
        ReadAgain(2100, SensorReadStatus.Ok, 0);
        Assert.Equal(2000, _counter.Count);
    }

    [Fact]
    public void Repeats_do_not_count_as_good_samples_for_a_clear()
    {
        for (int i = 1; i < SafetyTiming.RearmSensorSamples; i++) Read(2000 + i);
        for (int i = 0; i < SafetyTiming.FrozenSequenceLimit; i++) ReadAgain(2000, SensorReadStatus.Ok, _sequence);
        Assert.Equal(CutReasons.SensorFault, _counter.ClearBlockers(_time, 1_000_000, Growth));
        Read(2100);
        Assert.Equal(CutReasons.None, _counter.ClearBlockers(_time, 1_000_000, Growth));
    }

    [Fact]
    public void Counts_at_both_ends_of_the_range_are_samples_and_one_beyond_is_a_fault()
    {
        Read(0);
        Assert.Equal(CutReasons.None, Conditions());
        Read(-1);
        Assert.Equal(CutReasons.SensorFault, Conditions());

        var top = new CounterMonitor();
        _inputs.CounterReadMicroseconds = 5;
        _inputs.CounterStatus = SensorReadStatus.Ok;
        _inputs.Count = SafetyTiming.CounterRangeMaximum;
        top.Ingest(_inputs);
        Assert.Equal(SafetyTiming.CounterRangeMaximum, top.Count);
        Assert.Equal(CutReasons.Overcount, top.Conditions(5, int.MaxValue, Growth, false));
        _inputs.CounterReadMicroseconds = 6;
        _inputs.CounterSequence = 1;
        _inputs.Count = SafetyTiming.CounterRangeMaximum + 1;
        top.Ingest(_inputs);
        Assert.Equal(CutReasons.SensorFault, top.Conditions(6, int.MaxValue, Growth, false));
    }

    [Fact]
    public void A_count_repeated_nineteen_times_at_the_floor_is_live_and_the_twentieth_is_frozen()
    {
        for (int i = 1; i < SafetyTiming.FrozenCountSamples; i++)
        {
            Read(SafetyTiming.FrozenCountFloor);
            Assert.Equal(CutReasons.None, Conditions(armed: true));
        }

        Read(SafetyTiming.FrozenCountFloor);
        Assert.Equal(CutReasons.SensorFault, Conditions());
    }

    [Fact]
    public void A_frozen_count_stays_a_fault_while_it_keeps_repeating()
    {
        for (int i = 0; i < SafetyTiming.FrozenCountSamples + 10; i++) Read(5000);
        Assert.Equal(CutReasons.SensorFault, Conditions());
        Read(5001);
        Assert.Equal(CutReasons.None, Conditions());
    }

    [Fact]
    public void Below_the_floor_a_still_count_is_no_fault_while_idle()
    {
        for (int i = 0; i < 3 * SafetyTiming.FrozenCountSamples; i++) Read(SafetyTiming.FrozenCountFloor - 1);
        Assert.Equal(CutReasons.None, Conditions());
    }

    [Fact]
    public void A_new_value_starts_its_own_run_of_one()
    {
        for (int i = 1; i < SafetyTiming.FrozenCountSamples; i++) Read(5000);
        for (int i = 1; i < SafetyTiming.FrozenCountSamples; i++) Read(5001);
        Assert.Equal(CutReasons.None, Conditions());
        Read(5001);
        Assert.Equal(CutReasons.SensorFault, Conditions());
    }

    [Fact]
    public void The_run_of_a_frozen_count_saturates_instead_of_wrapping_into_a_live_reading()
    {
        // 2^31 identical samples is 248 days of an idle device with a frozen counter: still frozen.
        for (int i = 0; i < SafetyTiming.FrozenCountSamples; i++) Read(5000);
        PrivateState.Set(_counter, "_sameCountRun", int.MaxValue - 1);
        for (int i = 0; i < 3; i++)
        {
            Read(5000);
            Assert.Equal(CutReasons.SensorFault, Conditions());
        }
    }

    [Fact]
    public void The_frozen_rule_looks_at_the_raw_count_not_the_calibrated_one()
    {
        _counter.ApplySettings(900);
        for (int i = 0; i < SafetyTiming.FrozenCountSamples; i++) Read(1100); // calibrated 990, raw above the floor
        Assert.Equal(CutReasons.SensorFault, Conditions());
    }

    [Theory]
    [InlineData(20_000, 25_000, true)]   // +25 % exactly
    [InlineData(20_000, 25_001, false)]
    [InlineData(20_000, 15_000, true)]   // -25 % exactly
    [InlineData(20_000, 14_999, false)]
    [InlineData(2_000, 4_500, true)]     // the absolute floor of 2500 bots
    [InlineData(2_000, 4_501, false)]
    [InlineData(4_000, 1_500, true)]
    [InlineData(4_000, 1_499, false)]
    public void A_step_is_plausible_up_to_a_quarter_of_the_previous_sample_or_the_floor(int previous, int next, bool plausible)
    {
        Read(previous);
        Read(next);
        Assert.Equal(plausible ? CutReasons.None : CutReasons.SensorFault, Conditions() & CutReasons.SensorFault);
        Assert.Equal(plausible ? next : previous, _counter.Count);
    }

    [Fact]
    public void The_first_sample_may_be_anything_in_range()
    {
        Read(4_000_000);
        Assert.Equal(4_000_000, _counter.Count);
        Assert.Equal(CutReasons.None, _counter.Conditions(_time, int.MaxValue, Growth, false));
    }

    [Fact]
    public void A_step_that_persists_is_accepted_one_sample_later()
    {
        Read(20_000);
        Read(40_000);
        Assert.Equal(CutReasons.SensorFault, Conditions());
        Read(40_001);
        Assert.Equal(CutReasons.None, Conditions());
        Assert.Equal(40_001, _counter.Count);
    }

    [Fact]
    public void The_jump_rule_compares_calibrated_samples()
    {
        _counter.ApplySettings(1100);
        Read(20_000);                  // 22 000
        Read(25_000);                  // 27 500: +5 500, exactly a quarter of 22 000
        Assert.Equal(CutReasons.None, Conditions());
        Assert.Equal(27_500, _counter.Count);
        Read(31_251);                  // 34 376: +6 876, a quarter of 27 500 is 6 875
        Assert.Equal(CutReasons.SensorFault, Conditions());
    }

    [Fact]
    public void A_jump_restarts_the_growth_window()
    {
        Grow();
        int beforeJump = _counter.Count;
        Read(beforeJump * 2);
        Assert.Equal(0, _counter.GrowthPermillePerSecond);
        double count = beforeJump * 2;
        for (int i = 1; i < GrowthRateEstimator.WindowSize; i++)
        {
            count *= 1.01;
            Read((int)count);
            Assert.Equal(0, _counter.GrowthPermillePerSecond);
        }

        Read((int)(count * 1.01));
        Assert.True(_counter.GrowthPermillePerSecond > 0);
    }

    [Theory]
    [InlineData(1000, 12_345, 12_345)]
    [InlineData(1100, 10_000, 11_000)]
    [InlineData(900, 10_000, 9_000)]
    [InlineData(1100, 5_000_000, 5_500_000)] // raw × gain does not fit in 32 bits
    public void The_gain_is_applied_to_every_sample(int gain, int raw, int calibrated)
    {
        _counter.ApplySettings(gain);
        Read(raw);
        Assert.Equal(calibrated, _counter.Count);
    }

    [Fact]
    public void Overcount_at_the_limit_and_not_one_below()
    {
        Read(10_000);
        Assert.Equal(CutReasons.Overcount, _counter.Conditions(_time, 10_000, Growth, false));
        Assert.Equal(CutReasons.None, _counter.Conditions(_time, 10_001, Growth, false));
    }

    [Fact]
    public void Overcount_at_the_hard_ceiling_whatever_the_limit_passed()
    {
        Read(HardLimits.CountCeiling);
        Assert.Equal(CutReasons.Overcount, _counter.Conditions(_time, int.MaxValue, Growth, false));
        var below = new CounterMonitor();
        _inputs.Count = HardLimits.CountCeiling - 1;
        _inputs.CounterReadMicroseconds++;
        below.Ingest(_inputs);
        Assert.Equal(CutReasons.None, below.Conditions(_inputs.CounterReadMicroseconds, int.MaxValue, Growth, false));
    }

    [Fact]
    public void Runaway_growth_above_the_limit_and_not_at_it()
    {
        Grow();
        int rate = _counter.GrowthPermillePerSecond;
        Assert.Equal(CutReasons.None, _counter.Conditions(_time, Limit, rate, false));
        Assert.Equal(CutReasons.RunawayGrowth, _counter.Conditions(_time, Limit, rate - 1, false));
    }

    [Fact]
    public void Overcount_and_runaway_growth_are_reported_together()
    {
        Grow();
        Assert.Equal(CutReasons.Overcount | CutReasons.RunawayGrowth, _counter.Conditions(_time, 1000, 20, false));
    }

    [Fact]
    public void An_unhealthy_counter_reports_only_the_sensor_fault()
    {
        Grow();
        Read(1, SensorReadStatus.BusError);
        Assert.Equal(CutReasons.SensorFault, _counter.Conditions(_time, 1000, 20, false));
    }

    [Fact]
    public void Armed_a_count_below_the_floor_is_a_sensor_fault_and_at_the_floor_it_is_not()
    {
        Read(SafetyTiming.FrozenCountFloor - 1);
        Assert.Equal(CutReasons.SensorFault, Conditions(armed: true));
        Assert.Equal(CutReasons.None, Conditions(armed: false));
        Read(SafetyTiming.FrozenCountFloor);
        Assert.Equal(CutReasons.None, Conditions(armed: true));
    }

    [Fact]
    public void A_clear_needs_five_good_samples_in_a_row()
    {
        for (int i = 1; i < SafetyTiming.RearmSensorSamples; i++)
        {
            Read(2000 + i);
            Assert.Equal(CutReasons.SensorFault, _counter.ClearBlockers(_time, 1_000_000, Growth));
        }

        Read(2100);
        Assert.Equal(CutReasons.None, _counter.ClearBlockers(_time, 1_000_000, Growth));
    }

    [Fact]
    public void A_rejected_read_restarts_the_run_of_good_samples()
    {
        for (int i = 0; i < 10; i++) Read(2000 + i);
        Read(2000, SensorReadStatus.PartialTransfer);
        for (int i = 1; i < SafetyTiming.RearmSensorSamples; i++) Read(2100 + i);
        Assert.Equal(CutReasons.SensorFault, _counter.ClearBlockers(_time, 1_000_000, Growth));
        Read(2200);
        Assert.Equal(CutReasons.None, _counter.ClearBlockers(_time, 1_000_000, Growth));
    }

    [Fact]
    public void The_run_of_good_samples_saturates_instead_of_wrapping_into_a_blocker()
    {
        // 2^31 good samples is 248 days at 10 ms: the run must stay long enough, not wrap negative.
        for (int i = 0; i < SafetyTiming.RearmSensorSamples; i++) Read(2000 + i);
        PrivateState.Set(_counter, "_goodRun", int.MaxValue - 1);
        for (int i = 0; i < 3; i++)
        {
            Read(2100 + i);
            Assert.Equal(CutReasons.None, _counter.ClearBlockers(_time, 1_000_000, Growth));
        }
    }

    [Fact]
    public void A_clear_is_blocked_at_the_rearm_count_and_not_one_below()
    {
        for (int i = 0; i < SafetyTiming.RearmSensorSamples; i++) Read(3000 + i);
        Assert.Equal(3004, _counter.Count);
        Assert.Equal(CutReasons.Overcount, _counter.ClearBlockers(_time, 3004, Growth));
        Assert.Equal(CutReasons.None, _counter.ClearBlockers(_time, 3005, Growth));
    }

    [Fact]
    public void A_clear_is_blocked_by_growth_above_half_the_limit_and_not_at_half()
    {
        Grow();
        int rate = _counter.GrowthPermillePerSecond;
        Assert.Equal(CutReasons.None, _counter.ClearBlockers(_time, int.MaxValue, rate * 2));
        Assert.Equal(CutReasons.None, _counter.ClearBlockers(_time, int.MaxValue, rate * 2 + 1));
        Assert.Equal(CutReasons.RunawayGrowth, _counter.ClearBlockers(_time, int.MaxValue, rate * 2 - 1));
    }

    [Fact]
    public void Every_counter_blocker_is_reported_together()
    {
        Grow();
        Read(1, SensorReadStatus.BusError);
        int count = _counter.Count;
        for (int i = 1; i < SafetyTiming.RearmSensorSamples; i++) Read(count += count / 100);
        Assert.Equal(CutReasons.None, _counter.Conditions(_time, Limit, Growth, false) & CutReasons.SensorFault);
        Assert.Equal(CutReasons.Overcount | CutReasons.RunawayGrowth | CutReasons.SensorFault, _counter.ClearBlockers(_time, 1, 20));
    }
}
