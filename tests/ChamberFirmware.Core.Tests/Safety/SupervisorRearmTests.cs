using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Hal.Sensors;
using Xunit;

namespace ChamberFirmware.Core.Tests.Safety;

/// <summary>Re-arm rules: a clear is accepted only when every condition is clear with hysteresis.</summary>
public class SupervisorRearmTests
{
    /// <summary>An armed rig cut by an over-temperature that has already cooled down again.</summary>
    private static SupervisorRig CutRig(ChamberSettings? settings = null, int countLimit = 100_000)
    {
        var rig = new SupervisorRig(settings).Warm();
        rig.Arm(countLimit);
        rig.Temperature = 4250;
        rig.Step();
        Assert.Equal(SupervisorMode.SafeStop, rig.Supervisor.Mode);
        rig.Temperature = 3700;
        return rig;
    }

    [Fact]
    public void A_clear_is_accepted_once_every_condition_is_clear_and_returns_to_idle()
    {
        var rig = CutRig();
        rig.Steps(10);
        Assert.True(rig.Supervisor.TryClear(rig.Now, out CutReasons still));
        Assert.Equal(CutReasons.None, still);
        Assert.Equal(SupervisorMode.Idle, rig.Supervisor.Mode);
        Assert.Equal(CutReasons.None, rig.Supervisor.LatchedReasons);
        Assert.False(rig.Supervisor.RequestEmitters(1, 100, rig.Now)); // a clear does not re-arm
        Assert.False(rig.Step().ToggleKeepAlive); // nor power the bank: only the next self-test does
    }

    [Fact]
    public void A_clear_when_nothing_is_latched_is_refused()
    {
        var rig = new SupervisorRig().Warm();
        Assert.False(rig.Supervisor.TryClear(rig.Now, out CutReasons still));
        Assert.Equal(CutReasons.None, still);
    }

    [Fact]
    public void A_clear_is_refused_while_the_count_is_above_the_rearm_fraction_of_the_limit()
    {
        var rig = CutRig(countLimit: 3998); // rearm below 500 ‰ × 3998 = 1999; count reads 1999..2000
        rig.Steps(10);
        Assert.False(rig.Supervisor.TryClear(rig.Now, out CutReasons still));
        Assert.Equal(CutReasons.Overcount, still);
        rig.Count = 1997;
        rig.Steps(20);
        Assert.True(rig.Supervisor.TryClear(rig.Now, out still), still.ToString());
    }

    [Fact]
    public void The_rearm_fraction_follows_the_settings()
    {
        var rig = CutRig(new ChamberSettings { RearmCountPermille = 600 }, countLimit: 4000); // below 2400
        rig.Steps(10);
        Assert.True(rig.Supervisor.TryClear(rig.Now, out CutReasons still), still.ToString());
    }

    [Fact]
    public void A_clear_needs_the_configured_number_of_consecutive_heartbeats()
    {
        var rig = CutRig(new ChamberSettings { RearmHeartbeats = 5 });
        rig.Heartbeats = false;
        rig.Steps(30); // link lost
        rig.Heartbeats = true;
        for (int beat = 1; beat <= 4; beat++)
        {
            rig.Steps(5); // one heartbeat per 50 ms
            Assert.False(rig.Supervisor.TryClear(rig.Now, out CutReasons still));
            Assert.Equal(CutReasons.LinkLost, still);
        }

        rig.Steps(5);
        Assert.True(rig.Supervisor.TryClear(rig.Now, out CutReasons none), none.ToString());
    }

    [Fact]
    public void A_disconnect_restarts_the_heartbeat_count()
    {
        var rig = CutRig();
        rig.Steps(30);
        rig.Supervisor.OnLinkDown(rig.Now);
        rig.Step(); // one heartbeat may arrive in this step: the count restarts at 1
        Assert.False(rig.Supervisor.TryClear(rig.Now, out CutReasons still));
        Assert.Equal(CutReasons.LinkLost, still);
    }

    [Fact]
    public void A_clear_needs_several_fresh_good_samples_after_a_sensor_fault()
    {
        var rig = CutRig();
        rig.CounterStatus = SensorReadStatus.CrcMismatch;
        rig.Steps(3);
        rig.CounterStatus = SensorReadStatus.Ok;
        for (int sample = 1; sample < SafetyTiming.RearmSensorSamples; sample++)
        {
            rig.Step();
            Assert.False(rig.Supervisor.TryClear(rig.Now, out CutReasons still));
            Assert.Equal(CutReasons.SensorFault, still);
        }

        rig.Step();
        Assert.True(rig.Supervisor.TryClear(rig.Now, out CutReasons none), none.ToString());
    }

    [Fact]
    public void A_clear_is_refused_until_the_temperature_is_below_the_limit_minus_the_margin()
    {
        var rig = CutRig();
        rig.TemperatureJitters = false; // exact boundary; far shorter than the frozen-temperature window
        rig.Temperature = 4200 - SafetyTiming.RearmTemperatureMarginCentiCelsius + 1;
        rig.Steps(10);
        Assert.False(rig.Supervisor.TryClear(rig.Now, out CutReasons still));
        Assert.Equal(CutReasons.OverTemperature, still);
        rig.Temperature = 4200 - SafetyTiming.RearmTemperatureMarginCentiCelsius;
        rig.Step();
        Assert.True(rig.Supervisor.TryClear(rig.Now, out still), still.ToString());
    }

    [Fact]
    public void A_clear_is_refused_while_an_emitter_still_reads_on()
    {
        var rig = CutRig();
        rig.ReadbackOverride = 0b100; // reads on although the bank is unpowered: the read-back lies
        rig.Steps(10);
        Assert.False(rig.Supervisor.TryClear(rig.Now, out CutReasons still));
        Assert.Equal(CutReasons.EmitterMismatch, still & CutReasons.EmitterMismatch);
        Assert.True((rig.Supervisor.LatchedReasons & CutReasons.EmitterMismatch) != 0);
    }

    [Fact]
    public void A_clear_with_a_driver_shorted_on_keeps_the_bank_unpowered_and_the_next_self_test_cuts_it()
    {
        // Cut during a session by a driver that shorts on; with the bank down the read-back cannot
        // see the short, so the clear is accepted — but nothing re-powers the bank until the
        // operator arms again, and the self-test then sees the short and cuts.
        var rig = new SupervisorRig().Warm();
        rig.Arm();
        rig.Emit(0b0011);
        rig.StuckOnMask = 0b1000_0000;
        rig.Steps(3);
        Assert.Equal(SupervisorMode.SafeStop, rig.Supervisor.Mode);
        Assert.True((rig.Supervisor.LatchedReasons & CutReasons.EmitterMismatch) != 0);
        rig.Steps(10);
        Assert.False(rig.InterlockPowered);

        Assert.True(rig.Supervisor.TryClear(rig.Now, out CutReasons still), still.ToString());
        int togglesAtClear = rig.KeepAliveToggles;
        for (int tick = 0; tick < 500; tick++)
        {
            Assert.False(rig.Step().ToggleKeepAlive);
            Assert.False(rig.InterlockPowered); // the shorted emitter never emits while idle
        }

        Assert.Equal(togglesAtClear, rig.KeepAliveToggles);

        Assert.Equal(CutReasons.None, rig.Supervisor.BeginArm(100_000, 200, 8, rig.Now));
        long poweredAt = long.MinValue;
        for (int tick = 0; tick < 20 && rig.Supervisor.Mode == SupervisorMode.SelfTest; tick++)
        {
            Assert.Equal(0, rig.Step().EmitterMask);
            if (poweredAt == long.MinValue && rig.InterlockPowered)
            {
                poweredAt = rig.Now;
            }
        }

        Assert.Equal(SupervisorMode.SafeStop, rig.Supervisor.Mode);
        Assert.True((rig.Supervisor.LatchedReasons & CutReasons.EmitterMismatch) != 0, rig.Supervisor.LatchedReasons.ToString());
        // The short was powered from the self-test's first keep-alive edge to the cut: one tick.
        Assert.Equal(SupervisorRig.Period, rig.Now - poweredAt);
        Assert.False(rig.Outputs.ToggleKeepAlive);
    }

    [Fact]
    public void A_keep_alive_that_does_not_drop_the_bank_while_latched_blocks_the_clear()
    {
        var rig = CutRig();
        rig.KeepAliveStuckPowered = true;
        rig.Steps(10);
        Assert.True((rig.Supervisor.LatchedReasons & CutReasons.SelfTestFailed) != 0);
        Assert.False(rig.Supervisor.TryClear(rig.Now, out CutReasons still));
        Assert.Equal(CutReasons.SelfTestFailed, still);
    }

    [Fact]
    public void A_clear_is_refused_shortly_after_an_overrun()
    {
        var rig = CutRig();
        rig.Steps(10);
        rig.ExtraDelay = 20_000;
        rig.Step();
        Assert.False(rig.Supervisor.TryClear(rig.Now, out CutReasons still));
        Assert.Equal(CutReasons.SupervisorOverrun, still & CutReasons.SupervisorOverrun);
        rig.Steps(SafetyTiming.RearmOnTimeTicks);
        Assert.True(rig.Supervisor.TryClear(rig.Now, out still), still.ToString());
    }

    [Fact]
    public void A_clear_is_refused_while_a_watchdog_channel_is_silent()
    {
        var rig = CutRig();
        rig.SensorCheckIn = false;
        rig.Steps(15);
        Assert.False(rig.Supervisor.TryClear(rig.Now, out CutReasons still));
        Assert.Equal(CutReasons.WatchdogChannel, still);
    }

    [Fact]
    public void A_refused_clear_names_every_condition_still_present()
    {
        var rig = CutRig();
        rig.Temperature = 4300;
        rig.Heartbeats = false;
        rig.Steps(30);
        Assert.False(rig.Supervisor.TryClear(rig.Now, out CutReasons still));
        Assert.Equal(CutReasons.OverTemperature | CutReasons.LinkLost, still);
        Assert.Equal(SupervisorMode.SafeStop, rig.Supervisor.Mode);
    }
}
