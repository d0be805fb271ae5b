using ChamberFirmware.Core.Config;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Hal.Sensors;
using Xunit;

namespace ChamberFirmware.Core.Tests.Safety;

/// <summary>
/// SupervisorStateMachine driven directly, with every input and the tick times chosen by hand (the
/// supervisor tests go through the rig's 10 ms world): the composition's own rules at their exact
/// edges — the hold budget while latched, the clamping of profile limits, an arm that cannot prove
/// the cut path, what Idle latches, and the sensor loop's check-in.
/// </summary>
public class SupervisorStateMachineTests
{
    private const long Period = SafetyTiming.PeriodMicroseconds;

    private readonly SupervisorStateMachine _machine = new SupervisorStateMachine();
    private readonly SupervisorInputs _inputs = new SupervisorInputs();
    private long _now = 1_000_000;
    private int _sequence;

    /// <summary>The count the counter reads (it jitters by one, as a live population does).</summary>
    private int _count = 2000;

    public SupervisorStateMachineTests()
    {
        _machine.ApplySettings(new ChamberSettings());
        for (int i = 0; i < 30; i++) Tick(powered: false); // a healthy history: growth window, heartbeats, good samples
    }

    /// <summary>One tick <paramref name="after"/> µs later with every loop alive, fresh sensors and the given read-back.</summary>
    private SupervisorOutputs Tick(bool powered, int readback = 0, long after = Period, bool heartbeat = true)
    {
        _now += after;
        if (heartbeat) _machine.Link.OnHeartbeat(_now);
        _machine.Watchdog.CheckIn(WatchdogChannel.ControlLoop, _now);
        _machine.Watchdog.CheckIn(WatchdogChannel.SensorLoop, _now);
        _machine.Watchdog.CheckIn(WatchdogChannel.LinkLoop, _now);
        _sequence++;
        _inputs.CounterStatus = SensorReadStatus.Ok;
        _inputs.CounterReadMicroseconds = _now;
        _inputs.CounterSequence = _sequence;
        _inputs.Count = _count + (_sequence & 1);
        _inputs.TemperatureStatus = SensorReadStatus.Ok;
        _inputs.TemperatureReadMicroseconds = _now;
        _inputs.TemperatureCentiCelsius = 3700 + (_sequence & 1);
        _inputs.EmitterReadbackMask = readback;
        _inputs.InterlockPowered = powered;
        return _machine.Tick(_inputs, _now);
    }

    /// <summary>BeginArm and the three self-test phases with a healthy bank: drop, recover, emitters off.</summary>
    private void Arm(int countLimit = 100_000, int growthLimit = 200, int maxChannels = 8)
    {
        Assert.Equal(CutReasons.None, _machine.BeginArm(countLimit, growthLimit, maxChannels, _now));
        Tick(powered: false);
        Tick(powered: true);
        Tick(powered: true);
        Assert.Equal(SupervisorMode.Ready, _machine.Mode);
    }

    [Fact]
    public void While_latched_a_bank_powered_exactly_at_the_hold_budget_adds_nothing_and_a_microsecond_later_adds_self_test_failed()
    {
        Tick(powered: false, readback: 0b1); // a line reading on with nothing commanded: latches even while idle
        Assert.Equal(SupervisorMode.SafeStop, _machine.Mode);
        long latchedAt = _now;
        Tick(powered: true, readback: 0, after: 20_000);
        Tick(powered: true, readback: 0, after: 20_000);
        Tick(powered: true, readback: 0, after: latchedAt + SafetyTiming.SelfTestDropBudgetMicroseconds - _now);
        Assert.Equal(latchedAt + SafetyTiming.SelfTestDropBudgetMicroseconds, _now);
        Assert.Equal(CutReasons.EmitterMismatch, _machine.Latch.Latched);
        Tick(powered: true, readback: 0, after: 1);
        Assert.Equal(CutReasons.EmitterMismatch | CutReasons.SelfTestFailed, _machine.Latch.Latched);
    }

    [Fact]
    public void While_idle_a_line_reading_on_latches_the_mismatch_alone_though_other_conditions_are_present()
    {
        Tick(powered: false, after: 300_000, heartbeat: false); // the link is lost: present, but not latched while idle
        Assert.Equal(SupervisorMode.Idle, _machine.Mode);
        Assert.Equal(CutReasons.LinkLost | CutReasons.SupervisorOverrun, _machine.PresentReasons);
        Tick(powered: false, readback: 0b100, heartbeat: false);
        Assert.Equal(SupervisorMode.SafeStop, _machine.Mode);
        Assert.Equal(CutReasons.EmitterMismatch, _machine.Latch.Latched);
        Assert.Equal(CutReasons.EmitterMismatch, _machine.Latch.LastCut.Reasons);
        Assert.Equal(CutReasons.LinkLost | CutReasons.EmitterMismatch, _machine.PresentReasons);
    }

    [Fact]
    public void An_arm_straight_after_a_disarm_with_an_emitter_still_commanded_is_refused_as_unprovable()
    {
        Arm();
        Assert.True(_machine.RequestEmitters(0b1, 100, _now));
        Tick(powered: true);
        Assert.Equal(0b1, _machine.Outputs.EmitterMask);
        Assert.True(_machine.Disarm());
        // No tick since: the line was commanded on at the last tick, so the cut path cannot be proven now.
        Assert.Equal(CutReasons.SelfTestFailed, _machine.BeginArm(100_000, 200, 8, _now));
        Assert.Equal(SupervisorMode.Idle, _machine.Mode);
        Tick(powered: true, readback: 0b1); // the read-back still shows the previous command: no mismatch
        Tick(powered: false);
        Assert.Equal(CutReasons.None, _machine.BeginArm(100_000, 200, 8, _now));
    }

    [Theory]
    [InlineData(HardLimits.MaxGrowthLimitPermillePerSecond + 1)]
    [InlineData(10_000)]
    [InlineData(HardLimits.MinGrowthLimitPermillePerSecond - 1)]
    [InlineData(-1)]
    public void A_growth_limit_outside_the_profile_bounds_arms_with_the_lowest_limit(int growthLimit)
    {
        Arm(growthLimit: growthLimit);
        // About 60 per-mille per second: above the lowest limit (20), far below the profile's.
        double count = _count;
        for (int i = 0; i < 40 && _machine.Mode == SupervisorMode.Ready; i++)
        {
            count *= 1.0006;
            _count = (int)count;
            Tick(powered: true);
        }

        Assert.Equal(SupervisorMode.SafeStop, _machine.Mode);
        Assert.Equal(CutReasons.RunawayGrowth, _machine.Latch.Latched);
    }

    [Fact]
    public void The_highest_growth_limit_a_profile_may_set_is_kept()
    {
        Arm(growthLimit: HardLimits.MaxGrowthLimitPermillePerSecond);
        double count = _count;
        for (int i = 0; i < 100; i++)
        {
            count *= 1.003; // about 300 per-mille per second
            _count = (int)count;
            Tick(powered: true);
            Assert.Equal(SupervisorMode.Ready, _machine.Mode);
        }

        Assert.InRange(_machine.Counter.GrowthPermillePerSecond, 250, 350);
    }

    [Fact]
    public void The_sensor_loop_tick_is_its_watchdog_check_in()
    {
        var machine = new SupervisorStateMachine();
        machine.ApplySettings(new ChamberSettings());
        machine.Watchdog.CheckIn(WatchdogChannel.ControlLoop, _now);
        machine.Watchdog.CheckIn(WatchdogChannel.LinkLoop, _now);
        Assert.Equal(CutReasons.WatchdogChannel, machine.Tick(_inputs, _now).PresentReasons & CutReasons.WatchdogChannel);
        Assert.Equal(CutReasons.None, machine.SensorLoopTick(_inputs, _now + 1).PresentReasons & CutReasons.WatchdogChannel);
    }

    [Fact]
    public void The_profile_limits_end_with_the_session()
    {
        Arm(countLimit: 2100);
        Assert.True(_machine.Disarm());
        _count = 2500;
        Tick(powered: false); // the idle limit is the hard ceiling again: 2500 is no overcount
        Assert.Equal(CutReasons.None, _machine.PresentReasons);
    }
}
