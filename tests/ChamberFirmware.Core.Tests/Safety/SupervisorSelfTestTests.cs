using ChamberFirmware.Core.Safety;
using Xunit;

namespace ChamberFirmware.Core.Tests.Safety;

/// <summary>The cut-path self-test that runs across ticks before each arm.</summary>
public class SupervisorSelfTestTests
{
    [Fact]
    public void Idle_keeps_the_bank_unpowered_and_the_self_test_sees_it_down_powers_it_checks_the_read_back_and_arms()
    {
        var rig = new SupervisorRig().Warm();
        Assert.Equal(0, rig.KeepAliveToggles); // idle: no session needs the bank
        Assert.False(rig.InterlockPowered);
        Assert.Equal(CutReasons.None, rig.Supervisor.BeginArm(100_000, 200, 8, rig.Now));
        Assert.Equal(SupervisorMode.SelfTest, rig.Supervisor.Mode);
        Assert.Equal(SelfTestPhase.InterlockDrop, rig.Supervisor.SelfTestPhase);

        var phases = new System.Collections.Generic.List<SelfTestPhase>();
        bool sawDown = false;
        int ticks = 0;
        for (int guard = 0; guard < 100 && rig.Supervisor.Mode == SupervisorMode.SelfTest; guard++)
        {
            sawDown |= !rig.InterlockPowered;
            SupervisorOutputs outputs = rig.Step();
            ticks++;
            Assert.Equal(0, outputs.EmitterMask);
            phases.Add(rig.Supervisor.SelfTestPhase);
            Assert.True(ticks < 20);
        }

        Assert.Equal(SupervisorMode.Ready, rig.Supervisor.Mode);
        Assert.True(sawDown);
        Assert.True(rig.InterlockPowered);
        Assert.Equal([SelfTestPhase.InterlockRecover, SelfTestPhase.EmittersOff, SelfTestPhase.None], phases);
        Assert.InRange(ticks, 3, 8);
    }

    [Fact]
    public void Arming_right_after_a_disarm_waits_for_the_bank_to_drop_before_powering_it_again()
    {
        var rig = new SupervisorRig().Warm();
        rig.Arm();
        rig.Emit(0b1);
        Assert.True(rig.Supervisor.Disarm(rig.Now));
        rig.Steps(2); // the emitter line goes off and its read-back follows
        Assert.True(rig.InterlockPowered); // still inside the hold time
        Assert.Equal(CutReasons.None, rig.Supervisor.BeginArm(100_000, 200, 8, rig.Now));

        int ticksSeenPowered = 0;
        while (rig.Supervisor.SelfTestPhase == SelfTestPhase.InterlockDrop)
        {
            SupervisorOutputs outputs = rig.Step();
            if (rig.Inputs.InterlockPowered)
            {
                ticksSeenPowered++;
                Assert.False(outputs.ToggleKeepAlive); // not re-powered before it was seen down
            }

            Assert.True(ticksSeenPowered < 10);
        }

        Assert.False(rig.Inputs.InterlockPowered);
        rig.Steps(5);
        Assert.Equal(SupervisorMode.Ready, rig.Supervisor.Mode);
    }

    [Fact]
    public void A_keep_alive_that_keeps_the_bank_powered_fails_the_self_test_and_latches()
    {
        var rig = new SupervisorRig().Warm();
        rig.KeepAliveStuckPowered = true;
        Assert.Equal(CutReasons.None, rig.Supervisor.BeginArm(100_000, 200, 8, rig.Now));
        long start = rig.Now;
        for (int guard = 0; guard < 100 && rig.Supervisor.Mode == SupervisorMode.SelfTest; guard++)
        {
            Assert.Equal(0, rig.Step().EmitterMask);
        }

        Assert.Equal(SupervisorMode.SafeStop, rig.Supervisor.Mode);
        Assert.Equal(CutReasons.SelfTestFailed, rig.Supervisor.LatchedReasons);
        Assert.True(rig.Now - start <= SafetyTiming.SelfTestDropBudgetMicroseconds + 2 * SupervisorRig.Period);
        Assert.False(rig.Supervisor.RequestEmitters(1, 100, rig.Now));
    }

    [Fact]
    public void An_interlock_that_does_not_come_back_fails_the_self_test()
    {
        var rig = new SupervisorRig().Warm();
        Assert.Equal(CutReasons.None, rig.Supervisor.BeginArm(100_000, 200, 8, rig.Now));
        for (int guard = 0; guard < 100 && rig.Supervisor.SelfTestPhase != SelfTestPhase.InterlockRecover; guard++)
        {
            rig.Step();
        }

        rig.InterlockNeverPowers = true;
        rig.Steps(10);
        Assert.Equal(SupervisorMode.SafeStop, rig.Supervisor.Mode);
        Assert.Equal(CutReasons.SelfTestFailed, rig.Supervisor.LatchedReasons);
    }

    [Fact]
    public void An_emitter_stuck_on_while_idle_emits_nothing_and_the_self_test_cuts_it_one_tick_after_powering_the_bank()
    {
        var rig = new SupervisorRig().Warm();
        rig.StuckOnMask = 0b1000_0000;
        rig.Steps(50);
        Assert.Equal(SupervisorMode.Idle, rig.Supervisor.Mode); // unpowered bank: nothing emits, nothing to see
        Assert.False(rig.InterlockPowered);

        Assert.Equal(CutReasons.None, rig.Supervisor.BeginArm(100_000, 200, 8, rig.Now));
        rig.Steps(3);
        Assert.Equal(SupervisorMode.SafeStop, rig.Supervisor.Mode);
        Assert.True((rig.Supervisor.LatchedReasons & CutReasons.EmitterMismatch) != 0, rig.Supervisor.LatchedReasons.ToString());
        Assert.False(rig.Outputs.ToggleKeepAlive);
        rig.Steps(5);
        Assert.False(rig.InterlockPowered);
    }

    [Fact]
    public void A_bank_that_never_powers_fails_the_self_test_within_the_recover_budget()
    {
        var rig = new SupervisorRig { InterlockNeverPowers = true }.Warm();
        Assert.Equal(CutReasons.None, rig.Supervisor.BeginArm(100_000, 200, 8, rig.Now));
        long start = rig.Now;
        for (int guard = 0; guard < 100 && rig.Supervisor.Mode == SupervisorMode.SelfTest; guard++)
        {
            rig.Step();
        }

        Assert.Equal(SupervisorMode.SafeStop, rig.Supervisor.Mode);
        Assert.Equal(CutReasons.SelfTestFailed, rig.Supervisor.LatchedReasons);
        Assert.True(rig.Now - start <= SafetyTiming.SelfTestRecoverBudgetMicroseconds + 2 * SupervisorRig.Period);
    }

    [Fact]
    public void A_count_already_at_the_profile_limit_refuses_the_arm()
    {
        var rig = new SupervisorRig().Warm(); // the count jitters between 1999 and 2000
        Assert.Equal(CutReasons.Overcount, rig.Supervisor.BeginArm(1999, 200, 8, rig.Now));
    }

    [Fact]
    public void A_condition_during_the_self_test_cuts_with_its_own_reason()
    {
        var rig = new SupervisorRig().Warm();
        rig.Supervisor.BeginArm(100_000, 200, 8, rig.Now);
        rig.Heartbeats = false;
        rig.Supervisor.OnLinkDown(rig.Now);
        rig.Step();
        Assert.Equal(SupervisorMode.SafeStop, rig.Supervisor.Mode);
        Assert.Equal(CutReasons.LinkLost, rig.Supervisor.LatchedReasons);
    }

    [Fact]
    public void A_second_arm_while_the_self_test_runs_is_refused()
    {
        var rig = new SupervisorRig().Warm();
        rig.Supervisor.BeginArm(100_000, 200, 8, rig.Now);
        Assert.Equal(CutReasons.SelfTestFailed, rig.Supervisor.BeginArm(100_000, 200, 8, rig.Now));
    }

    [Fact]
    public void Disarm_during_the_self_test_returns_to_idle_with_the_keep_alive_stopped()
    {
        var rig = new SupervisorRig().Warm();
        rig.Supervisor.BeginArm(100_000, 200, 8, rig.Now);
        rig.Step();
        Assert.True(rig.Supervisor.Disarm(rig.Now));
        Assert.Equal(SupervisorMode.Idle, rig.Supervisor.Mode);
        Assert.False(rig.Step().ToggleKeepAlive);
    }
}
