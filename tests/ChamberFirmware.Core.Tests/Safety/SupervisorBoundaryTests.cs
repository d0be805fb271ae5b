using ChamberFirmware.Core.Safety;
using Xunit;

namespace ChamberFirmware.Core.Tests.Safety;

/// <summary>Exact boundaries of the detection rules (written against mutants that survived the first Stryker run).</summary>
public class SupervisorBoundaryTests
{
    private static SupervisorRig ArmedAt(int count)
    {
        var rig = new SupervisorRig { Count = count }.Warm();
        rig.Arm(countLimit: 1_000_000, growthLimit: 500);
        return rig;
    }

    [Fact]
    public void A_step_of_exactly_a_quarter_is_plausible_and_one_more_is_not()
    {
        var rig = ArmedAt(20_000);
        rig.Count = 25_000; // +25 % of 20 000 is the allowed step
        rig.Step();
        Assert.Equal(CutReasons.None, rig.Supervisor.PresentReasons & CutReasons.SensorFault);

        var other = ArmedAt(20_000);
        other.Count = 25_001;
        other.Step();
        Assert.Equal(CutReasons.SensorFault, other.Supervisor.LatchedReasons & CutReasons.SensorFault);
    }

    [Fact]
    public void An_impossible_drop_is_a_sensor_fault_too()
    {
        var rig = ArmedAt(20_000);
        rig.Count = 10_000;
        rig.Step();
        Assert.Equal(SupervisorMode.SafeStop, rig.Supervisor.Mode);
        Assert.Equal(CutReasons.SensorFault, rig.Supervisor.LatchedReasons);
    }

    [Fact]
    public void Below_the_floor_small_counts_may_step_by_the_floor()
    {
        var rig = ArmedAt(2000);
        rig.Count = 2000 + SafetyTiming.ImplausibleJumpFloor;
        rig.Step();
        Assert.Equal(CutReasons.None, rig.Supervisor.PresentReasons & CutReasons.SensorFault);
    }

    [Fact]
    public void Temperatures_at_the_ends_of_the_sensor_range_are_readings_not_faults()
    {
        var rig = new SupervisorRig { Temperature = SafetyTiming.TemperatureRangeMinimum }.Warm();
        Assert.Equal(CutReasons.None, rig.Supervisor.PresentReasons & CutReasons.SensorFault);
        rig.Temperature = SafetyTiming.TemperatureRangeMaximum;
        rig.Step();
        Assert.Equal(CutReasons.OverTemperature, rig.Supervisor.PresentReasons);
    }

    [Fact]
    public void A_count_of_zero_is_a_reading_not_a_fault()
    {
        // An empty chamber reads a still 0: below the frozen-count floor that is no fault while idle.
        var rig = new SupervisorRig { Count = 0, CountJitters = false }.Warm();
        Assert.Equal(CutReasons.None, rig.Supervisor.PresentReasons);
        Assert.Equal(0, rig.Supervisor.Count);
    }

    [Fact]
    public void A_bank_still_powered_after_a_cut_is_flagged_only_once_the_hold_budget_has_passed()
    {
        var rig = new SupervisorRig().Warm();
        rig.Arm();
        rig.KeepAliveStuckPowered = true;
        rig.Heartbeats = false;
        rig.Supervisor.OnLinkDown(rig.Now);
        rig.Step();
        long cutAt = rig.Now;
        while (rig.Now + SupervisorRig.Period - cutAt <= SafetyTiming.SelfTestDropBudgetMicroseconds)
        {
            rig.Step();
            Assert.Equal(CutReasons.LinkLost, rig.Supervisor.LatchedReasons);
        }

        rig.Step();
        Assert.Equal(CutReasons.LinkLost | CutReasons.SelfTestFailed, rig.Supervisor.LatchedReasons);
    }

    [Fact]
    public void A_bank_that_drops_after_a_cut_adds_nothing()
    {
        var rig = new SupervisorRig().Warm();
        rig.Arm();
        rig.Temperature = 4300;
        rig.Step();
        rig.Temperature = 3700;
        rig.Steps(20);
        Assert.Equal(CutReasons.OverTemperature, rig.Supervisor.LatchedReasons);
    }

    [Fact]
    public void The_interlock_gets_its_full_recover_budget_and_no_more()
    {
        var rig = new SupervisorRig().Warm();
        rig.Supervisor.BeginArm(100_000, 200, 8, rig.Now);
        for (int guard = 0; guard < 100 && rig.Supervisor.SelfTestPhase != SelfTestPhase.InterlockRecover; guard++) rig.Step();
        long recoverFrom = rig.Now;
        rig.InterlockNeverPowers = true;
        while (rig.Now + SupervisorRig.Period - recoverFrom <= SafetyTiming.SelfTestRecoverBudgetMicroseconds)
        {
            rig.Step();
            Assert.Equal(SupervisorMode.SelfTest, rig.Supervisor.Mode);
        }

        rig.Step();
        Assert.Equal(SupervisorMode.SafeStop, rig.Supervisor.Mode);
    }

    [Fact]
    public void A_clear_is_refused_while_growth_is_above_half_its_limit()
    {
        var rig = new SupervisorRig { Count = 5000 }.Warm();
        rig.Arm(countLimit: 100_000, growthLimit: 200);
        rig.Temperature = 4300;
        rig.Step();
        rig.Temperature = 3700;
        double count = 5000;
        for (int i = 0; i < 30; i++)
        {
            count *= 1.0015; // ≈ 150 per-mille per second: below the limit, above half of it
            rig.Count = (int)count;
            rig.Step();
        }

        Assert.False(rig.Supervisor.TryClear(rig.Now, out CutReasons still));
        Assert.Equal(CutReasons.RunawayGrowth, still);
        for (int i = 0; i < 30; i++) rig.Step(); // count steady again
        Assert.True(rig.Supervisor.TryClear(rig.Now, out still), still.ToString());
    }

    [Fact]
    public void Leases_from_before_a_disarm_do_not_come_back_on_the_next_arm()
    {
        var rig = new SupervisorRig().Warm();
        rig.Arm();
        rig.Emit(0b1111, leaseMilliseconds: SafetyTiming.MaxLeaseMilliseconds);
        Assert.True(rig.Supervisor.Disarm(rig.Now));
        rig.Steps(2);
        rig.Arm(); // well inside the old lease
        Assert.Equal(SupervisorMode.Ready, rig.Supervisor.Mode);
        Assert.Equal(0, rig.Step().EmitterMask);
    }

    [Fact]
    public void Leases_from_before_a_cut_do_not_come_back_after_the_clear()
    {
        var rig = new SupervisorRig().Warm();
        rig.Arm();
        rig.Emit(0b1111, leaseMilliseconds: SafetyTiming.MaxLeaseMilliseconds);
        rig.Temperature = 4300;
        rig.Step();
        rig.Temperature = 3700;
        rig.Steps(5);
        Assert.True(rig.Supervisor.TryClear(rig.Now, out CutReasons still), still.ToString());
        rig.Steps(2);
        rig.Arm();
        Assert.Equal(0, rig.Step().EmitterMask);
    }

    [Fact]
    public void A_check_in_for_an_unknown_channel_is_ignored()
    {
        var rig = new SupervisorRig().Warm();
        rig.Supervisor.CheckIn((WatchdogChannel)7, rig.Now);
        rig.Step();
        Assert.Equal(CutReasons.None, rig.Supervisor.PresentReasons);
    }

    [Fact]
    public void Profile_limits_out_of_bounds_are_clamped_to_the_safe_side()
    {
        var rig = new SupervisorRig { Count = 3000 }.Warm();
        // A zero count limit clamps to the ceiling (not "no limit"); 99 channels clamps to none.
        Assert.Equal(CutReasons.None, rig.Supervisor.BeginArm(0, 10_000, 99, rig.Now));
        for (int guard = 0; guard < 100 && rig.Supervisor.Mode == SupervisorMode.SelfTest; guard++) rig.Step();
        Assert.Equal(SupervisorMode.Ready, rig.Supervisor.Mode);
        Assert.False(rig.Supervisor.RequestEmitters(1, 100, rig.Now));
    }
}
