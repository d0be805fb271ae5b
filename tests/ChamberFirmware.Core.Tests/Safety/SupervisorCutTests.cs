using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Hal.Sensors;
using Xunit;

namespace ChamberFirmware.Core.Tests.Safety;

/// <summary>Every cut cause, its detection budget, and what a cut does in the same tick.</summary>
public class SupervisorCutTests
{
    private static SupervisorRig ActiveRig(int countLimit = 100_000, int growthLimit = 200, int initialCount = 2000)
    {
        var rig = new SupervisorRig { Count = initialCount }.Warm();
        rig.Arm(countLimit, growthLimit);
        rig.Emit(0b1111);
        Assert.Equal(0b1111, rig.Outputs.EmitterMask);
        return rig;
    }

    private static void AssertCut(SupervisorRig rig, CutReasons expected, SupervisorOutputs outputs)
    {
        Assert.Equal(SupervisorMode.SafeStop, outputs.Mode);
        Assert.Equal(0, outputs.EmitterMask);
        Assert.False(outputs.ToggleKeepAlive);
        Assert.True(outputs.Alarm);
        Assert.True((rig.Supervisor.LatchedReasons & expected) == expected, $"latched {rig.Supervisor.LatchedReasons}, expected {expected}");
    }

    [Fact]
    public void Overcount_cuts_in_the_same_tick_as_the_first_sample_at_the_limit()
    {
        var rig = ActiveRig(countLimit: 10_000, initialCount: 9_500);
        for (int count = 9_500; count < 10_000; count += 5) // 5 per tick: 50 per-mille per second
        {
            rig.Count = count;
            rig.Supervisor.RequestEmitters(0b1111, 100, rig.Now);
            Assert.Equal(0b1111, rig.Step().EmitterMask);
        }

        rig.Count = 10_000;
        rig.Supervisor.RequestEmitters(0b1111, 100, rig.Now);
        SupervisorOutputs outputs = rig.Step();

        AssertCut(rig, CutReasons.Overcount, outputs);
        Assert.True(outputs.EmitterMaskChanged);
        var snapshot = new CutSnapshot();
        rig.Supervisor.CopyLastCut(snapshot);
        Assert.Equal(1, snapshot.Sequence);
        Assert.Equal(rig.Now, snapshot.TimeMicroseconds);
        Assert.Equal(CutReasons.Overcount, snapshot.Reasons);
        Assert.Equal(10_000, snapshot.Count);
        Assert.Equal(0b1111, snapshot.EmitterMask);
    }

    [Fact]
    public void Count_just_below_the_limit_does_not_cut()
    {
        var rig = ActiveRig(countLimit: 3000, initialCount: 2999);
        rig.Count = 2999;
        rig.Supervisor.RequestEmitters(1, 100, rig.Now);
        Assert.Equal(1, rig.Step().EmitterMask);
        Assert.Equal(SupervisorMode.Ready, rig.Supervisor.Mode);
    }

    [Fact]
    public void A_count_limit_above_the_hard_ceiling_is_clamped_to_the_ceiling()
    {
        var rig = new SupervisorRig().Warm();
        rig.Count = HardLimits.CountCeiling - 1000;
        rig.Steps(10);
        rig.Arm(countLimit: int.MaxValue);
        rig.Count = HardLimits.CountCeiling;
        AssertCut(rig, CutReasons.Overcount, rig.Step());
    }

    [Fact]
    public void Runaway_growth_cuts_before_the_count_limit_is_reached()
    {
        var rig = ActiveRig(countLimit: 100_000, growthLimit: 200, initialCount: 5000);
        double count = 5000;
        for (int tick = 0; tick < 1000 && rig.Supervisor.Mode == SupervisorMode.Ready; tick++)
        {
            count *= 1.01; // 1 % per 10 ms: about 1000 per-mille per second, far beyond 200
            rig.Count = (int)count;
            rig.Supervisor.RequestEmitters(0b1111, 100, rig.Now);
            rig.Step();
        }

        Assert.Equal(SupervisorMode.SafeStop, rig.Supervisor.Mode);
        Assert.True((rig.Supervisor.LatchedReasons & CutReasons.RunawayGrowth) != 0);
        Assert.True(rig.Supervisor.Count < 10_000, $"cut only at {rig.Supervisor.Count}");
        Assert.True(rig.Supervisor.GrowthPermillePerSecond > 200, $"reported growth {rig.Supervisor.GrowthPermillePerSecond}");
        Assert.Equal(0, rig.Outputs.EmitterMask);
    }

    [Fact]
    public void Steady_growth_below_the_limit_and_sensor_noise_do_not_trip_the_growth_cut()
    {
        var rig = ActiveRig(countLimit: 1_000_000, growthLimit: 100, initialCount: 50_000);
        var random = new System.Random(1234);
        double count = 50_000;
        for (int tick = 0; tick < 3000; tick++)
        {
            count *= 1.0003; // 30 per-mille per second
            rig.Count = (int)(count * (1 + (random.NextDouble() - 0.5) * 0.005)); // ±0.25 % noise
            rig.Supervisor.RequestEmitters(1, 100, rig.Now);
            rig.Step();
            Assert.True(rig.Supervisor.Mode == SupervisorMode.Ready, $"cut {rig.Supervisor.LatchedReasons} at tick {tick}, growth {rig.Supervisor.GrowthPermillePerSecond}");
        }
    }

    [Theory]
    [InlineData(SensorReadStatus.AddressNotAcknowledged)]
    [InlineData(SensorReadStatus.ClockStretchTimeout)]
    [InlineData(SensorReadStatus.PartialTransfer)]
    [InlineData(SensorReadStatus.BusError)]
    [InlineData(SensorReadStatus.CrcMismatch)]
    [InlineData(SensorReadStatus.OutOfRange)]
    [InlineData(SensorReadStatus.InvalidData)]
    public void A_failed_counter_read_cuts_in_the_same_tick(SensorReadStatus status)
    {
        var rig = ActiveRig();
        rig.CounterStatus = status;
        rig.Supervisor.RequestEmitters(0b1111, 100, rig.Now);
        AssertCut(rig, CutReasons.SensorFault, rig.Step());
    }

    [Theory]
    [InlineData(SensorReadStatus.BusError)]
    [InlineData(SensorReadStatus.CrcMismatch)]
    [InlineData(SensorReadStatus.OutOfRange)]
    public void A_failed_temperature_read_cuts_in_the_same_tick(SensorReadStatus status)
    {
        var rig = ActiveRig();
        rig.TemperatureStatus = status;
        AssertCut(rig, CutReasons.SensorFault, rig.Step());
    }

    [Fact]
    public void No_fresh_counter_sample_cuts_after_the_freshness_budget_and_not_before()
    {
        var rig = ActiveRig();
        long lastSample = rig.Now;
        rig.CounterReads = false;
        while (rig.Now + SupervisorRig.Period - lastSample <= SafetyTiming.CounterFreshnessMicroseconds)
        {
            rig.Supervisor.RequestEmitters(1, 100, rig.Now);
            Assert.Equal(1, rig.Step().EmitterMask);
        }

        AssertCut(rig, CutReasons.SensorFault, rig.Step());
        Assert.True(rig.Now - lastSample <= SafetyTiming.CounterFreshnessMicroseconds + SupervisorRig.Period);
    }

    [Fact]
    public void A_part_that_never_becomes_ready_is_a_stale_sensor()
    {
        var rig = ActiveRig();
        rig.CounterStatus = SensorReadStatus.NotReady;
        Assert.Equal(SupervisorMode.Ready, rig.Step().Mode); // not a fault by itself
        rig.Steps(5);
        Assert.Equal(SupervisorMode.SafeStop, rig.Supervisor.Mode);
        Assert.Equal(CutReasons.SensorFault, rig.Supervisor.LatchedReasons);
    }

    [Fact]
    public void A_frozen_sequence_number_cuts_after_the_repeat_limit()
    {
        var rig = ActiveRig();
        rig.FreezeSequence = true;
        for (int repeat = 1; repeat <= SafetyTiming.FrozenSequenceLimit; repeat++)
        {
            Assert.Equal(SupervisorMode.Ready, rig.Step().Mode);
        }

        AssertCut(rig, CutReasons.SensorFault, rig.Step());
    }

    [Fact]
    public void A_physically_impossible_jump_is_a_sensor_fault()
    {
        var rig = ActiveRig();
        rig.Count = 2000 + SafetyTiming.ImplausibleJumpFloor + 1; // +125 % in 10 ms
        AssertCut(rig, CutReasons.SensorFault, rig.Step());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(SafetyTiming.CounterRangeMaximum + 1)]
    public void An_out_of_range_count_is_a_sensor_fault(int raw)
    {
        var rig = ActiveRig();
        rig.Count = raw;
        AssertCut(rig, CutReasons.SensorFault, rig.Step());
    }

    [Theory]
    [InlineData(SafetyTiming.TemperatureRangeMinimum - 1)]
    [InlineData(SafetyTiming.TemperatureRangeMaximum + 1)]
    public void An_out_of_range_temperature_is_a_sensor_fault(int raw)
    {
        var rig = ActiveRig();
        rig.Temperature = raw;
        AssertCut(rig, CutReasons.SensorFault, rig.Step());
    }

    [Theory]
    [InlineData(50)]
    [InlineData(250)]
    [InlineData(2000)]
    public void Link_loss_cuts_at_the_timeout_plus_at_most_one_tick(int timeoutMilliseconds)
    {
        var rig = new SupervisorRig(new ChamberSettings { LinkTimeoutMilliseconds = timeoutMilliseconds }).Warm();
        rig.HeartbeatPeriod = 20_000;
        rig.Steps(10);
        rig.Arm();
        rig.Step();
        rig.Heartbeats = false;
        long lastHeartbeat = rig.LastHeartbeat;
        for (int guard = 0; guard < 1000 && rig.Supervisor.Mode == SupervisorMode.Ready; guard++)
        {
            rig.Supervisor.RequestEmitters(1, 100, rig.Now);
            rig.Step();
        }

        long cutAfter = rig.Now - lastHeartbeat;
        Assert.Equal(CutReasons.LinkLost, rig.Supervisor.LatchedReasons);
        Assert.True(cutAfter > timeoutMilliseconds * 1000L, $"cut early: {cutAfter} µs");
        Assert.True(cutAfter <= timeoutMilliseconds * 1000L + SupervisorRig.Period, $"cut late: {cutAfter} µs");
        Assert.Equal(0, rig.Outputs.EmitterMask);
    }

    [Fact]
    public void A_transport_disconnect_cuts_on_the_next_tick()
    {
        var rig = ActiveRig();
        rig.Heartbeats = false;
        rig.Supervisor.OnLinkDown(rig.Now);
        AssertCut(rig, CutReasons.LinkLost, rig.Step());
    }

    [Fact]
    public void Emitter_stuck_on_after_an_off_command_cuts_after_one_tick_of_settling()
    {
        var rig = ActiveRig();
        rig.StuckOnMask = 0b1;
        rig.Supervisor.RequestEmitters(0b1110, 100, rig.Now);
        Assert.Equal(SupervisorMode.Ready, rig.Step().Mode); // the command is written
        Assert.Equal(SupervisorMode.Ready, rig.Step().Mode); // settling tick: read-back may still show the old command
        AssertCut(rig, CutReasons.EmitterMismatch, rig.Step());
    }

    [Fact]
    public void Emitter_stuck_off_after_an_on_command_cuts_after_one_tick_of_settling()
    {
        var rig = ActiveRig();
        rig.StuckOffMask = 0b1_0000;
        rig.Supervisor.RequestEmitters(0b1_1111, 100, rig.Now);
        Assert.Equal(SupervisorMode.Ready, rig.Step().Mode); // the command is written
        Assert.Equal(SupervisorMode.Ready, rig.Step().Mode);
        AssertCut(rig, CutReasons.EmitterMismatch, rig.Step());
    }

    [Fact]
    public void A_read_back_lagging_by_exactly_one_tick_is_not_a_mismatch()
    {
        var rig = ActiveRig();
        int previous = rig.LineMask;
        for (int i = 0; i < 50; i++)
        {
            int mask = (i % 2 == 0) ? 0b0011 : 0b1100;
            rig.ReadbackOverride = previous; // the lines show last tick's command
            rig.Supervisor.RequestEmitters(mask, 100, rig.Now);
            previous = rig.Step().EmitterMask;
            Assert.Equal(SupervisorMode.Ready, rig.Supervisor.Mode);
        }
    }

    [Fact]
    public void A_read_back_that_lies_cuts()
    {
        var rig = ActiveRig();
        rig.ReadbackOverride = 0; // claims all off while four channels are driven
        rig.Supervisor.RequestEmitters(0b1111, 100, rig.Now);
        Assert.Equal(SupervisorMode.Ready, rig.Step().Mode);
        AssertCut(rig, CutReasons.EmitterMismatch, rig.Step());
    }

    [Fact]
    public void Over_temperature_cuts_at_the_configured_limit()
    {
        var rig = ActiveRig();
        rig.Temperature = 4199;
        Assert.Equal(SupervisorMode.Ready, rig.Step().Mode);
        rig.Temperature = 4200;
        AssertCut(rig, CutReasons.OverTemperature, rig.Step());
    }

    [Fact]
    public void Temperature_calibration_offset_is_applied_before_the_limit()
    {
        var rig = new SupervisorRig(new ChamberSettings { TemperatureOffsetCentiCelsius = 300 }).Warm();
        rig.Arm();
        rig.Temperature = 3900; // 39.00 + 3.00 = 42.00 °C
        AssertCut(rig, CutReasons.OverTemperature, rig.Step());
    }

    [Fact]
    public void Counter_gain_is_applied_before_the_count_limit()
    {
        var rig = new SupervisorRig(new ChamberSettings { CounterGainPermille = 1100 }) { Count = 1900 }.Warm();
        rig.Arm(countLimit: 2200);
        rig.Count = 2000; // 2000 × 1.1 = 2200
        AssertCut(rig, CutReasons.Overcount, rig.Step());
        Assert.Equal(2200, rig.Supervisor.Count);
    }

    [Fact]
    public void A_tick_later_than_two_and_a_half_periods_is_an_overrun_cut()
    {
        var rig = ActiveRig();
        rig.ExtraDelay = 15_000; // 25 ms since the previous tick: at the bound, still on time
        Assert.Equal(SupervisorMode.Ready, rig.Step().Mode);
        rig.ExtraDelay = 15_001;
        AssertCut(rig, CutReasons.SupervisorOverrun, rig.Step());
    }

    [Theory]
    [InlineData(WatchdogChannel.ControlLoop, SafetyTiming.ControlLoopTimeoutMilliseconds)]
    [InlineData(WatchdogChannel.SensorLoop, SafetyTiming.SensorLoopTimeoutMilliseconds)]
    [InlineData(WatchdogChannel.LinkLoop, SafetyTiming.LinkLoopTimeoutMilliseconds)]
    public void A_watchdog_channel_that_stops_checking_in_cuts_after_its_timeout(WatchdogChannel channel, int timeoutMilliseconds)
    {
        var rig = ActiveRig();
        long lastCheckIn = rig.Now;
        switch (channel)
        {
            case WatchdogChannel.ControlLoop: rig.ControlCheckIn = false; break;
            case WatchdogChannel.SensorLoop: rig.SensorCheckIn = false; break;
            default: rig.LinkCheckIn = false; break;
        }

        for (int guard = 0; guard < 1000 && rig.Supervisor.Mode == SupervisorMode.Ready; guard++)
        {
            Assert.True(rig.Outputs.ToggleKeepAlive);
            rig.Supervisor.RequestEmitters(1, 100, rig.Now);
            rig.Step();
        }

        Assert.Equal(CutReasons.WatchdogChannel, rig.Supervisor.LatchedReasons);
        Assert.InRange(rig.Now - lastCheckIn, timeoutMilliseconds * 1000L + 1, timeoutMilliseconds * 1000L + SupervisorRig.Period);
        Assert.False(rig.Outputs.ToggleKeepAlive);
    }

    [Fact]
    public void The_keep_alive_is_not_fed_until_every_loop_has_checked_in()
    {
        var rig = new SupervisorRig { LinkCheckIn = false };
        rig.Steps(30);
        Assert.Equal(CutReasons.WatchdogChannel, rig.Supervisor.BeginArm(100_000, 200, 8, rig.Now) & CutReasons.WatchdogChannel);
        Assert.Equal(0, rig.KeepAliveToggles);
        Assert.False(rig.InterlockPowered);
        rig.LinkCheckIn = true;
        rig.Step();
        rig.Arm();
        Assert.True(rig.InterlockPowered);
        Assert.True(rig.Step().ToggleKeepAlive);
    }

    [Fact]
    public void An_unrefreshed_lease_lets_the_channel_go_off_by_itself_without_a_cut()
    {
        var rig = ActiveRig();
        long leaseStart = rig.Now;
        rig.Supervisor.RequestEmitters(0b0101, 50, rig.Now);
        while (rig.Now + SupervisorRig.Period < leaseStart + 50_000)
        {
            Assert.Equal(0b0101, rig.Step().EmitterMask);
        }

        Assert.Equal(0, rig.Step().EmitterMask);
        Assert.Equal(SupervisorMode.Ready, rig.Supervisor.Mode);
    }

    [Fact]
    public void Lease_requests_are_refused_outside_ready_outside_the_bank_above_max_channels_or_too_long()
    {
        var rig = new SupervisorRig().Warm();
        Assert.False(rig.Supervisor.RequestEmitters(1, 100, rig.Now)); // Idle
        rig.Supervisor.BeginArm(100_000, 200, 2, rig.Now);
        Assert.False(rig.Supervisor.RequestEmitters(1, 100, rig.Now)); // self-test running
        for (int guard = 0; guard < 100 && rig.Supervisor.Mode == SupervisorMode.SelfTest; guard++) rig.Step();
        Assert.Equal(SupervisorMode.Ready, rig.Supervisor.Mode);
        Assert.False(rig.Supervisor.RequestEmitters(1 << HardLimits.EmitterChannels, 100, rig.Now));
        Assert.False(rig.Supervisor.RequestEmitters(0b111, 100, rig.Now)); // 3 channels > MaxActiveChannels 2
        Assert.False(rig.Supervisor.RequestEmitters(1, 0, rig.Now));
        Assert.False(rig.Supervisor.RequestEmitters(1, SafetyTiming.MaxLeaseMilliseconds + 1, rig.Now));
        Assert.True(rig.Supervisor.RequestEmitters(0b11, SafetyTiming.MaxLeaseMilliseconds, rig.Now));
    }

    [Fact]
    public void Nothing_turns_an_emitter_on_while_safe_stop_is_latched()
    {
        var rig = ActiveRig();
        rig.Heartbeats = false;
        rig.Supervisor.OnLinkDown(rig.Now);
        rig.Step();
        Assert.Equal(SupervisorMode.SafeStop, rig.Supervisor.Mode);
        rig.Supervisor.OnHeartbeat(rig.Now);

        Assert.False(rig.Supervisor.RequestEmitters(1, 100, rig.Now));
        Assert.NotEqual(CutReasons.None, rig.Supervisor.BeginArm(100_000, 200, 8, rig.Now));
        Assert.False(rig.Supervisor.Disarm(rig.Now));
        Assert.False(rig.Supervisor.TryApplySettings(new ChamberSettings(), out _));
        for (int i = 0; i < 200; i++)
        {
            rig.Supervisor.RequestEmitters(0xFF, 100, rig.Now);
            SupervisorOutputs outputs = rig.Step();
            Assert.Equal(0, outputs.EmitterMask);
            Assert.False(outputs.ToggleKeepAlive);
        }
    }

    [Fact]
    public void Each_cut_takes_a_new_snapshot_with_a_higher_sequence_number()
    {
        var rig = ActiveRig();
        rig.Temperature = 4300;
        rig.Step();
        var first = new CutSnapshot();
        rig.Supervisor.CopyLastCut(first);
        rig.Temperature = 3700;
        rig.Steps(30);
        Assert.True(rig.Supervisor.TryClear(rig.Now, out CutReasons still), still.ToString());
        rig.Steps(2); // keep-alive resumes, interlock powers up
        rig.Arm();
        rig.Heartbeats = false;
        rig.Supervisor.OnLinkDown(rig.Now);
        rig.Step();
        var second = new CutSnapshot();
        rig.Supervisor.CopyLastCut(second);

        Assert.Equal(1, first.Sequence);
        Assert.Equal(CutReasons.OverTemperature, first.Reasons);
        Assert.Equal(4300, first.TemperatureCentiCelsius);
        Assert.Equal(2, second.Sequence);
        Assert.Equal(CutReasons.LinkLost, second.Reasons);
        Assert.True(second.TimeMicroseconds > first.TimeMicroseconds);
    }

    [Fact]
    public void Conditions_while_idle_are_reported_but_do_not_latch()
    {
        var rig = new SupervisorRig().Warm();
        rig.Heartbeats = false;
        rig.Steps(40);
        Assert.Equal(SupervisorMode.Idle, rig.Supervisor.Mode);
        Assert.Equal(CutReasons.LinkLost, rig.Supervisor.PresentReasons);
        Assert.Equal(CutReasons.None, rig.Supervisor.LatchedReasons);
        Assert.False(rig.Outputs.ToggleKeepAlive); // idle: the bank stays unpowered
        Assert.Equal(0, rig.Outputs.EmitterMask);
    }

    [Fact]
    public void Not_armable_before_the_first_valid_heartbeat()
    {
        var rig = new SupervisorRig { Heartbeats = false };
        rig.Steps(30);
        Assert.Equal(CutReasons.LinkLost, rig.Supervisor.BeginArm(100_000, 200, 8, rig.Now));
        Assert.Equal(SupervisorMode.Idle, rig.Supervisor.Mode);
    }
}
