using ChamberFirmware.Core.Safety;
using Xunit;

namespace ChamberFirmware.Core.Tests.Safety;

/// <summary>
/// Sensors that keep answering well-formed "new" readings frozen at a plausible value: the counter
/// with an advancing sequence number and a stuck count, the temperature sensor with a stuck result.
/// </summary>
public class SupervisorFrozenSensorTests
{
    private static SupervisorRig ActiveRig(int initialCount = 2000)
    {
        var rig = new SupervisorRig { Count = initialCount }.Warm();
        rig.Arm();
        rig.Emit(0b1111, 250);
        return rig;
    }

    [Fact]
    public void A_count_frozen_with_an_advancing_sequence_cuts_on_the_last_of_the_frozen_samples_and_not_before()
    {
        var rig = ActiveRig();
        rig.CountJitters = false;
        rig.Count = 2001; // the value the counter sticks at; its sequence keeps advancing

        for (int sample = 1; sample < SafetyTiming.FrozenCountSamples; sample++)
        {
            rig.Supervisor.RequestEmitters(0b1111, 100, rig.Now);
            rig.Step();
            Assert.True(SupervisorMode.Ready == rig.Supervisor.Mode, $"sample {sample}: {rig.Supervisor.Mode} {rig.Supervisor.LatchedReasons}");
            Assert.Equal(0b1111, rig.Outputs.EmitterMask);
        }

        long firstFrozen = rig.Now - (SafetyTiming.FrozenCountSamples - 2) * SupervisorRig.Period;
        rig.Supervisor.RequestEmitters(0b1111, 100, rig.Now);
        SupervisorOutputs outputs = rig.Step();

        Assert.Equal(SupervisorMode.SafeStop, outputs.Mode);
        Assert.Equal(0, outputs.EmitterMask);
        Assert.False(outputs.ToggleKeepAlive);
        Assert.Equal(CutReasons.SensorFault, rig.Supervisor.LatchedReasons);
        // Detection latency from the first frozen sample: (N - 1) read periods.
        Assert.Equal((SafetyTiming.FrozenCountSamples - 1) * SupervisorRig.Period, rig.Now - firstFrozen);
    }

    [Fact]
    public void A_live_count_that_repeats_a_value_fewer_than_the_limit_does_not_cut()
    {
        var rig = ActiveRig();
        rig.CountJitters = false;
        for (int round = 0; round < 20; round++)
        {
            rig.Count = 2002 + (round & 1); // never the rig's last jittered value (1999/2000)
            for (int sample = 1; sample < SafetyTiming.FrozenCountSamples; sample++)
            {
                rig.Supervisor.RequestEmitters(0b1111, 100, rig.Now);
                rig.Step();
            }
        }

        Assert.True(SupervisorMode.Ready == rig.Supervisor.Mode, $"{rig.Supervisor.Mode} {rig.Supervisor.LatchedReasons}");
        Assert.Equal(0b1111, rig.Outputs.EmitterMask);
    }

    [Fact]
    public void While_idle_a_still_count_below_the_floor_is_not_a_fault_but_it_refuses_the_arm()
    {
        var rig = new SupervisorRig { Count = SafetyTiming.FrozenCountFloor - 1, CountJitters = false };
        rig.Steps(100); // a nearly empty chamber: the same small count for a second

        Assert.Equal(SupervisorMode.Idle, rig.Supervisor.Mode);
        Assert.Equal(CutReasons.None, rig.Supervisor.PresentReasons);
        Assert.Equal(CutReasons.SensorFault, rig.Supervisor.BeginArm(100_000, 200, 8, rig.Now));

        rig.Count = SafetyTiming.FrozenCountFloor; // first sample at the floor: fresh and exact
        rig.Step();
        Assert.Equal(CutReasons.None, rig.Supervisor.BeginArm(100_000, 200, 8, rig.Now));
    }

    [Fact]
    public void An_armed_count_that_falls_below_the_floor_cuts_with_a_sensor_fault()
    {
        // Below the floor a frozen counter cannot be told from a still chamber: emitters stay off.
        var rig = ActiveRig(initialCount: SafetyTiming.FrozenCountFloor + 10);
        rig.Count = SafetyTiming.FrozenCountFloor - 1;
        SupervisorOutputs outputs = rig.Step();

        Assert.Equal(SupervisorMode.SafeStop, outputs.Mode);
        Assert.Equal(CutReasons.SensorFault, rig.Supervisor.LatchedReasons);
    }

    [Fact]
    public void A_temperature_reading_frozen_for_the_window_cuts_and_a_shorter_freeze_does_not()
    {
        var rig = ActiveRig();
        rig.TemperatureJitters = false;
        rig.Temperature = 3750; // read every tick from here on, bit-identical
        rig.Step();
        long changedAt = rig.Now;
        int ticksToWindow = (int)(SafetyTiming.TemperatureFrozenMicroseconds / SupervisorRig.Period);
        for (int tick = 1; tick < ticksToWindow; tick++)
        {
            rig.Supervisor.RequestEmitters(0b1111, 100, rig.Now);
            rig.Step();
        }

        Assert.Equal(SupervisorMode.Ready, rig.Supervisor.Mode);
        Assert.Equal(0b1111, rig.Outputs.EmitterMask);

        rig.Supervisor.RequestEmitters(0b1111, 100, rig.Now);
        SupervisorOutputs outputs = rig.Step();

        Assert.Equal(SafetyTiming.TemperatureFrozenMicroseconds, rig.Now - changedAt);
        Assert.Equal(SupervisorMode.SafeStop, outputs.Mode);
        Assert.Equal(0, outputs.EmitterMask);
        Assert.Equal(CutReasons.SensorFault, rig.Supervisor.LatchedReasons);
    }

    [Fact]
    public void A_temperature_that_moves_by_one_hundredth_resets_the_frozen_window()
    {
        var rig = ActiveRig();
        rig.TemperatureJitters = false;
        int ticksToWindow = (int)(SafetyTiming.TemperatureFrozenMicroseconds / SupervisorRig.Period);
        for (int round = 0; round < 3; round++)
        {
            rig.Temperature = 3750 + (round & 1);
            for (int tick = 0; tick < ticksToWindow - 1; tick++)
            {
                rig.Supervisor.RequestEmitters(0b1111, 100, rig.Now);
                rig.Step();
            }
        }

        Assert.Equal(SupervisorMode.Ready, rig.Supervisor.Mode);
    }

    [Fact]
    public void A_frozen_sensor_blocks_the_clear_until_it_moves_again()
    {
        var rig = ActiveRig();
        rig.CountJitters = false;
        rig.Steps(SafetyTiming.FrozenCountSamples);
        Assert.Equal(SupervisorMode.SafeStop, rig.Supervisor.Mode);
        rig.Steps(10);
        Assert.False(rig.Supervisor.TryClear(rig.Now, out CutReasons still));
        Assert.True((still & CutReasons.SensorFault) != 0, still.ToString());

        rig.CountJitters = true;
        rig.Steps(SafetyTiming.RearmSensorSamples + 1);
        Assert.True(rig.Supervisor.TryClear(rig.Now, out still), still.ToString());
    }
}
