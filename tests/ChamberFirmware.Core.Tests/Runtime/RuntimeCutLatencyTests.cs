using System;
using System.Linq;
using ChamberFirmware.Core.Diagnostics;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Core.Treatment;
using ChamberFirmware.Hal.Simulated.Faults;
using Xunit;
using Xunit.Abstractions;

namespace ChamberFirmware.Core.Tests.Runtime;

/// <summary>
/// Cut latency measured against the simulated PLANT (are the emitters really unpowered?), not
/// against the supervisor's own idea of its outputs.
/// </summary>
public sealed class RuntimeCutLatencyTests
{
    private readonly ITestOutputHelper _output;

    public RuntimeCutLatencyTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void Overcount_unpowers_the_emitters_in_the_same_tick_as_the_first_overcount_sample()
    {
        var rig = new RuntimeRig(seed: 5);
        rig.ProvisionAndConnect(RuntimeRig.Key(42));
        Assert.Equal(Control.CommandResult.Ok, rig.Arm(RuntimeRig.Profile(target: 1_500, limit: 2_600, growth: 500, durationMs: 60_000)));
        rig.RunUntil(() => rig.Runtime.Controller.State == ChamberState.Armed, 500, "Armed");

        // Armed but not started: the test plays a control path that keeps asking for every channel
        // (the supervisor must cut on the count alone, whatever asks for emitters).
        int ticksAfterFirstOvercountSample = -1;
        int countBefore = 0;
        for (int i = 0; i < 1_000 && ticksAfterFirstOvercountSample < 0; i++)
        {
            rig.Runtime.Supervisor.RequestEmitters(0xFF, 100, rig.Clock.NowMicroseconds);
            countBefore = rig.Runtime.Supervisor.Count;
            rig.Tick();
            if (rig.Runtime.Supervisor.CutSequence > 0)
            {
                ticksAfterFirstOvercountSample = rig.Chamber.PoweredChannelMask == 0 ? 0 : 1;
            }
        }

        var cut = new CutSnapshot();
        rig.Runtime.Supervisor.CopyLastCut(cut);
        Assert.Equal(CutReasons.Overcount, cut.Reasons & CutReasons.Overcount);
        Assert.True(countBefore < 2_600, $"the previous sample {countBefore} was already over the limit");
        Assert.True(cut.Count >= 2_600);
        Assert.Equal(0xFF, cut.EmitterMask); // all channels were on in the tick before
        Assert.Equal(rig.Clock.NowMicroseconds, cut.TimeMicroseconds);
        Assert.Equal(0, ticksAfterFirstOvercountSample);
        Assert.Equal(0, rig.Chamber.PoweredChannelMask);
        _output.WriteLine($"overcount: sample {cut.Count} (previous {countBefore}), plant {rig.Chamber.TrueCount}; emitters unpowered after {ticksAfterFirstOvercountSample} extra ticks");

        // The cut is logged with the supervisor's snapshot and counted under its reason.
        DiagnosticsEventRecord logged = rig.Events().Last(e => e.Kind == DiagnosticsEventKind.Cut);
        Assert.Equal(cut.Reasons, logged.Reasons);
        Assert.Equal(cut.Count, logged.Count);
        Assert.Equal(cut.TimeMicroseconds, logged.TimeMicroseconds);
        Assert.Equal(0xFF, logged.EmitterMask);
        Assert.Equal(1, rig.Runtime.Diagnostics.Counters.CutsForBit(0));

        // The hold circuit drops too (the keep-alive stopped with the cut).
        rig.Run(30);
        Assert.False(rig.Chamber.BankPowered);
    }

    [Fact]
    public void Link_loss_cuts_at_the_timeout_plus_at_most_one_tick()
    {
        var rig = new RuntimeRig(seed: 6);
        rig.StartSession(RuntimeRig.Profile(durationMs: 60_000));
        rig.Run(1_000);
        Assert.NotEqual(0, rig.Chamber.PoweredChannelMask);

        rig.SendHeartbeats = false;
        long lastHeartbeat = rig.Clock.NowMicroseconds - rig.Clock.NowMicroseconds % rig.HeartbeatPeriodMicroseconds;
        rig.RunUntil(() => rig.Runtime.Supervisor.CutSequence > 0, 1_000, "link-loss cut");

        var cut = new CutSnapshot();
        rig.Runtime.Supervisor.CopyLastCut(cut);
        long latency = cut.TimeMicroseconds - lastHeartbeat;
        long timeout = rig.Runtime.Supervisor.LinkTimeoutMicroseconds;
        _output.WriteLine($"link loss: cut {latency / 1000.0} ms after the last heartbeat (timeout {timeout / 1000} ms)");
        Assert.Equal(CutReasons.LinkLost, cut.Reasons & CutReasons.LinkLost);
        Assert.InRange(latency, timeout + 1, timeout + RuntimeRig.TickMicroseconds);
        Assert.Equal(0, rig.Chamber.PoweredChannelMask);

        Assert.Contains(rig.Events(), e => e.Kind == DiagnosticsEventKind.LinkLost);
        Assert.Equal(1, rig.Runtime.Diagnostics.Counters.LinkLosses);
    }

    [Fact]
    public void Transport_close_cuts_on_the_next_tick()
    {
        var rig = new RuntimeRig(seed: 7);
        rig.StartSession(RuntimeRig.Profile(durationMs: 60_000));
        rig.Run(500);

        rig.Runtime.OnLinkTransportClosed();
        rig.SendHeartbeats = false;
        rig.Tick();

        Assert.Equal(CutReasons.LinkLost, rig.Runtime.Supervisor.LatchedReasons & CutReasons.LinkLost);
        Assert.Equal(0, rig.Chamber.PoweredChannelMask);
    }

    [Fact]
    public void Rogue_replication_is_cut_for_runaway_growth_before_the_count_limit()
    {
        var rig = new RuntimeRig(seed: 8);
        var profile = RuntimeRig.Profile(target: 3_000, limit: 50_000, growth: 300, durationMs: 60_000);
        rig.StartSession(profile);
        rig.Run(3_000);

        rig.Chamber.InjectFault(SimulatedPart.Plant, FaultKind.RogueReplication);
        long injectedAt = rig.Clock.NowMicroseconds;
        rig.RunUntil(() => rig.Runtime.Supervisor.CutSequence > 0, 10_000, "runaway cut");

        var cut = new CutSnapshot();
        rig.Runtime.Supervisor.CopyLastCut(cut);
        long trueCount = rig.Chamber.TrueCount;
        _output.WriteLine($"rogue replication: cut {(cut.TimeMicroseconds - injectedAt) / 1000} ms after onset, reasons {cut.Reasons}, count {cut.Count}, plant {trueCount}, limit {profile.CountLimit}, ceiling {HardLimits.CountCeiling}");
        Assert.Equal(CutReasons.RunawayGrowth, cut.Reasons & CutReasons.RunawayGrowth);
        Assert.Equal(CutReasons.None, cut.Reasons & CutReasons.Overcount);
        Assert.True(trueCount < profile.CountLimit);
        Assert.Equal(0, rig.Chamber.PoweredChannelMask);
    }

    [Fact]
    public void A_supervisor_step_that_stops_being_called_lets_the_hold_circuit_drop_the_bank_within_the_hold_time()
    {
        var rig = new RuntimeRig(seed: 9);
        rig.StartSession(RuntimeRig.Profile(durationMs: 60_000));
        rig.Run(1_000);
        Assert.NotEqual(0, rig.Chamber.PoweredChannelMask);

        long lastStep = rig.Clock.NowMicroseconds;
        rig.RunSupervisor = false; // the supervisor thread hangs; control and link keep running
        long hold = rig.Chamber.HoldCircuit.HoldMicroseconds;
        while (rig.Chamber.BankPowered)
        {
            Assert.True(rig.Clock.NowMicroseconds - lastStep < hold, "bank still powered after the hold time");
            rig.Chamber.Advance(1_000);
        }

        long dropped = rig.Clock.NowMicroseconds - lastStep;
        _output.WriteLine($"supervisor hang: bank unpowered {dropped / 1000.0} ms after the last supervisor step (hold {hold / 1000} ms)");
        Assert.Equal(25_000, hold);
        Assert.InRange(dropped, 1, hold);
        Assert.Equal(0, rig.Chamber.PoweredChannelMask);
        rig.Run(200);
        Assert.Equal(0, rig.Chamber.PoweredChannelMask);
    }

    [Fact]
    public void A_control_step_that_stops_being_called_is_a_watchdog_cut()
    {
        var rig = new RuntimeRig(seed: 10);
        rig.StartSession(RuntimeRig.Profile(durationMs: 60_000));
        rig.Run(1_000);

        long lastControl = rig.Clock.NowMicroseconds - rig.Clock.NowMicroseconds % 20_000;
        rig.RunControl = false;
        rig.RunUntil(() => rig.Runtime.Supervisor.CutSequence > 0, 1_000, "watchdog cut");

        var cut = new CutSnapshot();
        rig.Runtime.Supervisor.CopyLastCut(cut);
        long latency = cut.TimeMicroseconds - lastControl;
        _output.WriteLine($"control hang: cut {latency / 1000.0} ms after the last control step, reasons {cut.Reasons}");
        Assert.Equal(CutReasons.WatchdogChannel, cut.Reasons & CutReasons.WatchdogChannel);
        Assert.InRange(latency, SafetyTiming.ControlLoopTimeoutMilliseconds * 1000L + 1, SafetyTiming.ControlLoopTimeoutMilliseconds * 1000L + RuntimeRig.TickMicroseconds);
        Assert.Equal(0, rig.Chamber.PoweredChannelMask);
        rig.Run(30);
        Assert.False(rig.Chamber.BankPowered);
    }
}
