using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;
using Xunit;

namespace ChamberFirmware.Core.Tests.Treatment;

/// <summary>Session states, every command in every state, and the closed loop through the supervisor.</summary>
public class TreatmentControllerTests
{
    [Fact]
    public void Arm_without_a_link_key_returns_not_provisioned()
    {
        var chamber = new ChamberRig().Warm();
        chamber.Provisioning.IsProvisioned = false;
        Assert.Equal(CommandResult.NotProvisioned, chamber.Controller.Arm(ChamberRig.Profile(), chamber.Now, out _));
        Assert.Equal(ChamberState.Idle, chamber.Controller.State);
    }

    [Fact]
    public void Arm_before_the_first_heartbeat_returns_link_not_healthy()
    {
        var chamber = new ChamberRig();
        chamber.Rig.Heartbeats = false;
        chamber.Warm();
        Assert.Equal(CommandResult.LinkNotHealthy, chamber.Controller.Arm(ChamberRig.Profile(), chamber.Now, out _));
    }

    [Fact]
    public void Arm_with_a_bad_profile_names_the_field_and_why()
    {
        var chamber = new ChamberRig().Warm();
        TreatmentProfile profile = ChamberRig.Profile();
        profile.CountLimit = HardLimits.CountCeiling + 1;
        Assert.Equal(CommandResult.ProfileRejected, chamber.Controller.Arm(profile, chamber.Now, out ProfileField field));
        Assert.Equal(ProfileField.CountLimit, field);
        Assert.Equal(TreatmentProfileValidator.CountLimitOutOfBounds, chamber.Controller.LastRejectionReason);
        Assert.Equal(CommandResult.ProfileRejected, chamber.Controller.Arm(null!, chamber.Now, out _));
    }

    [Fact]
    public void Arm_when_the_bank_never_powers_ends_in_safe_stop_with_self_test_failed()
    {
        // The bank is unpowered while idle, so a bank that cannot power up shows in the self-test.
        var chamber = new ChamberRig();
        chamber.Rig.InterlockNeverPowers = true;
        chamber.Warm();
        Assert.Equal(CommandResult.Ok, chamber.Controller.Arm(ChamberRig.Profile(), chamber.Now, out _));
        chamber.Steps(10);
        Assert.Equal(ChamberState.SafeStop, chamber.Controller.State);
        var status = new ChamberStatus();
        chamber.Controller.FillStatus(status);
        Assert.Equal(CutReasons.SelfTestFailed, status.LatchedReasons);
    }

    [Fact]
    public void Arm_when_the_read_back_already_reads_on_is_refused()
    {
        // A read-back that reads on while the bank is unpowered (lying comparator) latches at once.
        var chamber = new ChamberRig().Warm();
        chamber.Rig.ReadbackOverride = 0b1;
        chamber.Steps(1);
        Assert.Equal(CommandResult.SafeStopLatched, chamber.Controller.Arm(ChamberRig.Profile(), chamber.Now, out _));
    }

    [Fact]
    public void Arm_runs_the_self_test_then_the_session_is_armed()
    {
        var chamber = new ChamberRig().Warm();
        Assert.Equal(CommandResult.Ok, chamber.Controller.Arm(ChamberRig.Profile(), chamber.Now, out _));
        Assert.True(chamber.Controller.IsArming);
        Assert.Equal(ChamberState.Idle, chamber.Controller.State);
        Assert.Equal(CommandResult.InvalidState, chamber.Controller.Start(chamber.Now)); // not armed yet
        chamber.Steps(10);
        Assert.False(chamber.Controller.IsArming);
        Assert.Equal(ChamberState.Armed, chamber.Controller.State);
    }

    [Fact]
    public void A_failing_self_test_latches_safe_stop_with_self_test_failed()
    {
        var chamber = new ChamberRig().Warm();
        chamber.Rig.KeepAliveStuckPowered = true;
        Assert.Equal(CommandResult.Ok, chamber.Controller.Arm(ChamberRig.Profile(), chamber.Now, out _));
        chamber.Steps(10);
        Assert.Equal(ChamberState.SafeStop, chamber.Controller.State);
        var status = new ChamberStatus();
        chamber.Controller.FillStatus(status);
        Assert.Equal(CutReasons.SelfTestFailed, status.LatchedReasons);
        Assert.Equal(CommandResult.SafeStopLatched, chamber.Controller.Start(chamber.Now));
    }

    [Fact]
    public void Commands_refused_in_the_wrong_state()
    {
        var chamber = new ChamberRig().Warm();
        Assert.Equal(CommandResult.InvalidState, chamber.Controller.Start(chamber.Now));                 // Idle
        Assert.Equal(CommandResult.InvalidState, chamber.Controller.ClearFault(chamber.Now, out _));     // nothing latched
        chamber.ArmAndWait();
        Assert.Equal(CommandResult.InvalidState, chamber.Controller.Arm(ChamberRig.Profile(), chamber.Now, out _)); // Armed
        Assert.Equal(CommandResult.InvalidState, chamber.Controller.ApplySettings(new ChamberSettings(), out _));
        Assert.Equal(CommandResult.Ok, chamber.Controller.Start(chamber.Now));
        Assert.Equal(CommandResult.InvalidState, chamber.Controller.Start(chamber.Now));                 // Active
        Assert.Equal(CommandResult.InvalidState, chamber.Controller.Arm(ChamberRig.Profile(), chamber.Now, out _));
        Assert.Equal(CommandResult.InvalidState, chamber.Controller.ApplySettings(new ChamberSettings(), out _));
        Assert.Equal(CommandResult.InvalidState, chamber.Controller.ClearFault(chamber.Now, out _));
    }

    [Fact]
    public void Active_requests_emitters_through_the_supervisor_and_ramps_at_the_profile_rate()
    {
        var chamber = new ChamberRig();
        chamber.Rig.Count = 5000;
        chamber.Warm().StartActive();
        long start = chamber.Now;
        int maxChannels = 0;
        for (int i = 0; i < 100; i++) // one second
        {
            SupervisorOutputs outputs = chamber.Step();
            int channels = System.Numerics.BitOperations.PopCount((uint)outputs.EmitterMask);
            long allowed = 1 + (chamber.Now - start) * 4 / 1_000_000; // 4 channels per second
            Assert.True(channels <= allowed, $"{channels} channels at {chamber.Now - start} µs");
            maxChannels = System.Math.Max(maxChannels, channels);
        }

        Assert.Equal(ChamberState.Active, chamber.Controller.State);
        Assert.Equal(4, maxChannels);
    }

    [Fact]
    public void The_closed_loop_holds_the_count_near_the_target_without_a_cut()
    {
        var chamber = new ChamberRig { PlantOn = true };
        chamber.Rig.Count = 15_000;
        chamber.Warm().StartActive();
        chamber.Steps(3000); // 30 s
        Assert.Equal(ChamberState.Active, chamber.Controller.State);
        int count = chamber.Rig.Supervisor.Count;
        Assert.InRange(count, 18_000, 22_000);
    }

    [Fact]
    public void The_session_completes_after_its_duration_and_the_emitters_go_off()
    {
        var chamber = new ChamberRig();
        chamber.Rig.Count = 5000;
        TreatmentProfile profile = ChamberRig.Profile();
        profile.DurationMilliseconds = 1000;
        chamber.Warm().StartActive(profile);
        chamber.Steps(99);
        Assert.Equal(ChamberState.Active, chamber.Controller.State);
        Assert.NotEqual(0, chamber.Rig.Outputs.EmitterMask);
        chamber.Steps(2);
        Assert.Equal(ChamberState.Completed, chamber.Controller.State);
        Assert.Equal(0, chamber.Rig.Outputs.EmitterMask);
        Assert.Equal(CommandResult.Ok, chamber.Controller.Stop(chamber.Now));
        Assert.Equal(ChamberState.Idle, chamber.Controller.State);
    }

    [Fact]
    public void A_new_session_can_be_armed_from_completed()
    {
        var chamber = new ChamberRig();
        chamber.Rig.Count = 5000;
        TreatmentProfile profile = ChamberRig.Profile();
        profile.DurationMilliseconds = 1000;
        chamber.Warm().StartActive(profile);
        chamber.Steps(110);
        Assert.Equal(ChamberState.Completed, chamber.Controller.State);
        chamber.Steps(3);
        chamber.ArmAndWait();
        Assert.Equal(ChamberState.Armed, chamber.Controller.State);
    }

    [Fact]
    public void Stop_ends_active_as_completed_armed_as_idle_and_is_idempotent_in_idle()
    {
        var chamber = new ChamberRig().Warm().StartActive();
        chamber.Steps(5);
        Assert.Equal(CommandResult.Ok, chamber.Controller.Stop(chamber.Now));
        Assert.Equal(ChamberState.Completed, chamber.Controller.State);
        Assert.Equal(0, chamber.Step().EmitterMask);
        Assert.Equal(CommandResult.Ok, chamber.Controller.Stop(chamber.Now));
        Assert.Equal(ChamberState.Idle, chamber.Controller.State);
        Assert.Equal(CommandResult.Ok, chamber.Controller.Stop(chamber.Now));
        chamber.Steps(3);
        chamber.ArmAndWait();
        Assert.Equal(CommandResult.Ok, chamber.Controller.Stop(chamber.Now));
        Assert.Equal(ChamberState.Idle, chamber.Controller.State);
    }

    [Fact]
    public void Stop_during_the_self_test_abandons_the_arm()
    {
        var chamber = new ChamberRig().Warm();
        chamber.Controller.Arm(ChamberRig.Profile(), chamber.Now, out _);
        chamber.Step();
        Assert.Equal(CommandResult.Ok, chamber.Controller.Stop(chamber.Now));
        chamber.Steps(10);
        Assert.Equal(ChamberState.Idle, chamber.Controller.State);
        Assert.False(chamber.Controller.IsArming);
    }

    [Fact]
    public void A_cut_while_active_moves_to_safe_stop_and_every_command_but_clear_is_refused()
    {
        var chamber = new ChamberRig().Warm().StartActive();
        chamber.Steps(20);
        chamber.Rig.Heartbeats = false;
        chamber.Controller.OnLinkDown(chamber.Now);
        Assert.Equal(0, chamber.Step().EmitterMask);
        Assert.Equal(ChamberState.SafeStop, chamber.Controller.State);

        Assert.Equal(CommandResult.SafeStopLatched, chamber.Controller.Arm(ChamberRig.Profile(), chamber.Now, out _));
        Assert.Equal(CommandResult.SafeStopLatched, chamber.Controller.Start(chamber.Now));
        Assert.Equal(CommandResult.SafeStopLatched, chamber.Controller.Stop(chamber.Now));
        Assert.Equal(CommandResult.SafeStopLatched, chamber.Controller.ApplySettings(new ChamberSettings(), out _));
        Assert.Equal(CommandResult.ClearRefused, chamber.Controller.ClearFault(chamber.Now, out CutReasons still));
        // In the cut tick the lines and the bank have not dropped yet: those block a clear too.
        Assert.Equal(CutReasons.LinkLost | CutReasons.EmitterMismatch | CutReasons.SelfTestFailed, still);
        chamber.Steps(5);
        Assert.Equal(CommandResult.ClearRefused, chamber.Controller.ClearFault(chamber.Now, out still));
        Assert.Equal(CutReasons.LinkLost, still);

        chamber.Rig.Heartbeats = true;
        chamber.Steps(30);
        Assert.Equal(CommandResult.Ok, chamber.Controller.ClearFault(chamber.Now, out still));
        Assert.Equal(ChamberState.Idle, chamber.Controller.State);
        var status = new ChamberStatus();
        chamber.Controller.FillStatus(status);
        Assert.Equal(CutReasons.None, status.LatchedReasons);
        Assert.Equal(CutReasons.LinkLost, status.LastCutReasons);
    }

    [Fact]
    public void Settings_are_applied_in_idle_and_rejected_by_field()
    {
        var chamber = new ChamberRig().Warm();
        Assert.Equal(CommandResult.SettingsRejected, chamber.Controller.ApplySettings(new ChamberSettings { RearmHeartbeats = 0 }, out SettingsField field));
        Assert.Equal(SettingsField.RearmHeartbeats, field);
        Assert.Equal(CommandResult.Ok, chamber.Controller.ApplySettings(new ChamberSettings { LinkTimeoutMilliseconds = 500 }, out field));
        Assert.Equal(SettingsField.None, field);
        Assert.Equal(500_000, chamber.Rig.Supervisor.LinkTimeoutMicroseconds);
    }

    [Fact]
    public void Fill_status_reports_the_session()
    {
        var chamber = new ChamberRig();
        chamber.Rig.Count = 5000;
        chamber.Warm().StartActive();
        chamber.Steps(50);
        var status = new ChamberStatus();
        chamber.Controller.FillStatus(status);
        Assert.Equal(ChamberState.Active, status.State);
        Assert.InRange(status.Count, 4999, 5000); // the rig's live counter jitters by one
        Assert.Equal(40_000, status.CountLimit);
        Assert.Equal(20_000, status.TargetCount);
        Assert.Equal(chamber.Rig.Outputs.EmitterMask, status.ActiveEmitterMask);
        Assert.NotEqual(0, status.ActiveEmitterMask);
        Assert.InRange(status.TemperatureCentiCelsius, 3699, 3700); // the rig's live sensor jitters by one
        Assert.InRange(status.LinkAgeMilliseconds, 0, 50);
        Assert.InRange(status.RemainingMilliseconds, 59_000, 60_000);
        Assert.True(status.Provisioned);
        Assert.Equal(chamber.Now, status.UptimeMicroseconds);
    }

    [Fact]
    public void Fill_status_before_any_heartbeat_reports_an_infinite_link_age()
    {
        var chamber = new ChamberRig();
        chamber.Rig.Heartbeats = false;
        chamber.Steps(3);
        var status = new ChamberStatus();
        chamber.Controller.FillStatus(status);
        Assert.Equal(int.MaxValue, status.LinkAgeMilliseconds);
        Assert.Equal(ChamberState.Idle, status.State);
    }

    [Fact]
    public void The_control_loop_tick_is_the_control_watchdog_check_in()
    {
        var chamber = new ChamberRig();
        chamber.Rig.ControlCheckIn = false; // only controller.Tick checks in now
        chamber.Rig.Count = 5000;
        chamber.Warm().StartActive();
        chamber.Steps(50);
        Assert.Equal(ChamberState.Active, chamber.Controller.State);

        chamber.Rig.BeforeTick = null; // the control loop hangs
        chamber.Steps(15);
        Assert.Equal(ChamberState.SafeStop, chamber.Controller.State);
        Assert.Equal(CutReasons.WatchdogChannel, chamber.Rig.Supervisor.LatchedReasons);
    }

    [Fact]
    public void The_session_completes_exactly_at_its_duration()
    {
        var chamber = new ChamberRig();
        chamber.Rig.Count = 5000;
        TreatmentProfile profile = ChamberRig.Profile();
        profile.DurationMilliseconds = 1000;
        chamber.Warm().ArmAndWait(profile);
        long start = chamber.Now;
        chamber.Controller.Start(start);
        chamber.Controller.Tick(start + 999_999);
        Assert.Equal(ChamberState.Active, chamber.Controller.State);
        chamber.Controller.Tick(start + 1_000_000);
        Assert.Equal(ChamberState.Completed, chamber.Controller.State);
    }

    [Fact]
    public void Fill_status_outside_a_session_reports_the_ceiling_and_no_target()
    {
        var chamber = new ChamberRig().Warm();
        var status = new ChamberStatus();
        chamber.Controller.FillStatus(status);
        Assert.Equal(HardLimits.CountCeiling, status.CountLimit);
        Assert.Equal(0, status.TargetCount);
        Assert.Equal(0, status.RemainingMilliseconds);
    }

    [Fact]
    public void A_cleared_session_starts_the_closed_loop_from_zero_channels()
    {
        var chamber = new ChamberRig();
        chamber.Rig.Count = 5000;
        chamber.Warm().StartActive();
        chamber.Steps(100);
        Assert.True(System.Numerics.BitOperations.PopCount((uint)chamber.Rig.Outputs.EmitterMask) >= 3);
        chamber.Rig.Temperature = 4300;
        chamber.Step();
        chamber.Rig.Temperature = 3700;
        chamber.Steps(10);
        Assert.Equal(CommandResult.Ok, chamber.Controller.ClearFault(chamber.Now, out _));
        chamber.Steps(2);
        chamber.StartActive();
        chamber.Step();
        Assert.True(System.Numerics.BitOperations.PopCount((uint)chamber.Rig.Outputs.EmitterMask) <= 1);
    }
}
