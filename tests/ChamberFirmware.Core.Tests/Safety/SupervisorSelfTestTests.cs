using ChamberFirmware.Core.Safety;
using Xunit;

namespace ChamberFirmware.Core.Tests.Safety;

/// <summary>The cut-path self-test that runs across ticks before each arm.</summary>
public class SupervisorSelfTestTests
{
    [Fact]
    public void The_self_test_stops_the_keep_alive_sees_the_bank_drop_resumes_and_arms()
    {
        var rig = new SupervisorRig().Warm();
        Assert.Equal(CutReasons.None, rig.Supervisor.BeginArm(100_000, 200, 8, rig.Now));
        Assert.Equal(SupervisorMode.SelfTest, rig.Supervisor.Mode);

        bool sawDrop = false;
        bool keepAliveStopped = false;
        int ticks = 0;
        for (int guard = 0; guard < 100 && rig.Supervisor.Mode == SupervisorMode.SelfTest; guard++)
        {
            SupervisorOutputs outputs = rig.Step();
            ticks++;
            Assert.Equal(0, outputs.EmitterMask);
            keepAliveStopped |= !outputs.ToggleKeepAlive;
            sawDrop |= !rig.Inputs.InterlockPowered;
            Assert.True(ticks < 20);
        }

        Assert.Equal(SupervisorMode.Ready, rig.Supervisor.Mode);
        Assert.True(keepAliveStopped);
        Assert.True(sawDrop);
        Assert.True(rig.InterlockPowered);
        Assert.InRange(ticks, 3, 8);
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
    public void An_emitter_stuck_on_while_idle_latches_drops_the_bank_and_refuses_the_arm()
    {
        var rig = new SupervisorRig().Warm();
        rig.StuckOnMask = 0b1000_0000;
        SupervisorOutputs outputs = rig.Step();
        Assert.Equal(SupervisorMode.SafeStop, outputs.Mode);
        Assert.False(outputs.ToggleKeepAlive);
        Assert.Equal(CutReasons.EmitterMismatch, rig.Supervisor.BeginArm(100_000, 200, 8, rig.Now));
        rig.Steps(5);
        Assert.False(rig.InterlockPowered);
    }

    [Fact]
    public void An_unpowered_interlock_at_the_start_refuses_the_arm()
    {
        var rig = new SupervisorRig { InterlockNeverPowers = true }.Warm();
        Assert.Equal(CutReasons.SelfTestFailed, rig.Supervisor.BeginArm(100_000, 200, 8, rig.Now));
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
    public void Disarm_during_the_self_test_returns_to_idle_with_the_keep_alive_running()
    {
        var rig = new SupervisorRig().Warm();
        rig.Supervisor.BeginArm(100_000, 200, 8, rig.Now);
        rig.Step();
        Assert.True(rig.Supervisor.Disarm(rig.Now));
        Assert.Equal(SupervisorMode.Idle, rig.Supervisor.Mode);
        Assert.True(rig.Step().ToggleKeepAlive);
    }
}
