using System;
using System.Linq;
using ChamberFirmware.Core.Safety;
using ChamberFirmware.Hal.Sensors;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using Xunit;

namespace ChamberFirmware.Core.Tests.Safety;

/// <summary>
/// Invariants over random sequences of samples, faults and link events applied to an armed
/// supervisor whose client asks for emitters every tick (adversarial: the supervisor alone must
/// keep them off), checked against an oracle that knows only the inputs:
/// 1. once a cut condition has held longer than its detection budget, no emitter is commanded on
///    in that tick or any later one (no clear is issued in these runs);
/// 2. no emitter is commanded on while SafeStop is latched;
/// 3. the commanded mask never exceeds the profile's MaxActiveChannels.
/// Fixed replay seed: a failure reproduces.
/// </summary>
public class SupervisorPropertyTests
{
    private enum Kind
    {
        Normal, CountStep, Drift, CounterFault, CounterMissing, FreezeToggle, HeartbeatToggle,
        LinkDown, Temperature, TemperatureFault, StuckOn, ReadbackLie, LateTick, WatchdogToggle,
    }

    private readonly record struct Event(Kind Kind, int Value);

    private static readonly FsCheck.Config Replayable = FsCheck.Config.QuickThrowOnFailure
        .WithMaxTest(300)
        .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(0x5AFE_C0DEUL, 0x9E37_79B9_7F4A_7C15UL), FSharpOption<int>.None)));

    /// <summary>Random event sequences; faultWeight against 300 for a quiet tick sets how often faults come.</summary>
    private static Arbitrary<Event[]> Scenarios(int faultWeight)
    {
        Gen<Kind> kinds = Gen.Frequency(
            (300, Gen.Constant(Kind.Normal)),
            (6, Gen.Constant(Kind.Drift)),
            (faultWeight, Gen.Constant(Kind.CountStep)),
            (faultWeight, Gen.Constant(Kind.CounterFault)),
            (faultWeight * 2, Gen.Constant(Kind.CounterMissing)),
            (faultWeight, Gen.Constant(Kind.FreezeToggle)),
            (faultWeight, Gen.Constant(Kind.HeartbeatToggle)),
            (faultWeight, Gen.Constant(Kind.LinkDown)),
            (faultWeight * 2, Gen.Constant(Kind.Temperature)),
            (faultWeight, Gen.Constant(Kind.TemperatureFault)),
            (faultWeight, Gen.Constant(Kind.StuckOn)),
            (faultWeight, Gen.Constant(Kind.ReadbackLie)),
            (faultWeight, Gen.Constant(Kind.LateTick)),
            (faultWeight, Gen.Constant(Kind.WatchdogToggle)));
        Gen<Event> events = Gen.Zip(kinds, Gen.Choose(0, 1000), (kind, value) => new Event(kind, value));
        return Gen.Choose(50, 400).SelectMany(length => Gen.ArrayOf(events, length)).ToArbitrary();
    }

    [Fact]
    public void Emitters_are_never_on_after_a_cut_condition_outlived_its_budget_nor_while_safe_stop_is_latched()
    {
        Prop.ForAll(Scenarios(faultWeight: 10), scenario => Run(scenario)).Check(Replayable);
    }

    [Fact]
    public void The_same_holds_when_faults_are_rare_and_the_count_drifts_into_the_limits()
    {
        Prop.ForAll(Scenarios(faultWeight: 0), scenario => Run(scenario)).Check(Replayable);
    }

    [Fact]
    public void The_oracle_does_fire_in_the_generated_scenarios()
    {
        // Guards the property above against vacuity: most scenarios must contain a cut condition.
        Event[][] samples = Scenarios(faultWeight: 10).Generator.Sample(100, 50).ToArray();
        int fired = samples.Count(scenario => !Run(scenario, out bool oracleFired) || oracleFired);
        Assert.True(fired > 25, $"only {fired} of 50 scenarios reached a cut condition");
    }

    private static bool Run(Event[] scenario) => Run(scenario, out _);

    private static bool Run(Event[] scenario, out bool oracleFired)
    {
        const int countLimit = 40_000;
        const long linkTimeout = 250_000;
        // An adversarial control loop: it asks for emitters every tick whatever the chamber does.
        var rig = new SupervisorRig { Count = 30_000 }.Warm();
        rig.Arm(countLimit, growthLimit: 400, maxChannels: 6);
        int requested = 0b11_1111;
        rig.Supervisor.RequestEmitters(requested, 100, rig.Now);
        rig.Steps(3);
        double count = rig.Count;
        double driftPermillePerSecond = 0;

        long lastNewSample = rig.Now;
        long linkDownAt = long.MinValue;
        bool linkDownPending = false;
        long[] lastCheckIn = { rig.Now, rig.Now, rig.Now };
        long[] timeouts =
        {
            SafetyTiming.ControlLoopTimeoutMilliseconds * 1000L,
            SafetyTiming.SensorLoopTimeoutMilliseconds * 1000L,
            SafetyTiming.LinkLoopTimeoutMilliseconds * 1000L,
        };
        oracleFired = false;
        bool latchedSeen = false;

        foreach (Event e in scenario)
        {
            long previousTick = rig.Now;
            int previousSequence = rig.Sequence;
            rig.CounterStatus = SensorReadStatus.Ok;
            rig.TemperatureStatus = SensorReadStatus.Ok;
            rig.CounterReads = true;
            rig.ReadbackOverride = SupervisorRig.NoOverride;
            switch (e.Kind)
            {
                case Kind.Normal: break;
                case Kind.CountStep: count += e.Value * 20; break;
                case Kind.Drift: driftPermillePerSecond = e.Value * 0.6 - 100; break; // -100..500 ‰/s
                case Kind.CounterFault: rig.CounterStatus = (SensorReadStatus)(2 + e.Value % 7); break;
                case Kind.CounterMissing: rig.CounterReads = false; break;
                case Kind.FreezeToggle: rig.FreezeSequence = !rig.FreezeSequence; break;
                case Kind.HeartbeatToggle: rig.Heartbeats = !rig.Heartbeats; break;
                case Kind.LinkDown: rig.Supervisor.OnLinkDown(rig.Now); linkDownAt = rig.Now; linkDownPending = true; break;
                case Kind.Temperature: rig.Temperature = 3500 + e.Value; break;
                case Kind.TemperatureFault: rig.TemperatureStatus = SensorReadStatus.BusError; break;
                case Kind.StuckOn: rig.StuckOnMask = e.Value & 0xFF; break;
                case Kind.ReadbackLie: rig.ReadbackOverride = e.Value & 0xFF; break;
                case Kind.LateTick: rig.ExtraDelay = e.Value * 30; break;
                case Kind.WatchdogToggle:
                    switch (e.Value % 3)
                    {
                        case 0: rig.ControlCheckIn = !rig.ControlCheckIn; break;
                        case 1: rig.SensorCheckIn = !rig.SensorCheckIn; break;
                        default: rig.LinkCheckIn = !rig.LinkCheckIn; break;
                    }

                    break;
            }

            // The chamber drifts every tick (10 ms) with a little sensor noise on top.
            count = Math.Max(0, count * (1 + driftPermillePerSecond / 100_000));
            rig.Count = (int)count + (e.Value % 41) - 20;
            if (e.Value % 17 == 0) requested = (e.Value * 7) & 0xFF;
            rig.Supervisor.RequestEmitters(requested, 100, rig.Now); // refused above 6 channels: the old lease runs out
            SupervisorOutputs outputs = rig.Step();
            long now = rig.Now;

            // What the oracle knows from the inputs alone.
            bool newCounterSample = rig.CounterReads && rig.Sequence != previousSequence;
            bool goodCounterSample = newCounterSample && rig.CounterStatus == SensorReadStatus.Ok;
            if (goodCounterSample) lastNewSample = now;
            if (rig.LastHeartbeat > linkDownAt) linkDownPending = false;
            if (rig.ControlCheckIn) lastCheckIn[0] = now;
            if (rig.SensorCheckIn) lastCheckIn[1] = now;
            if (rig.LinkCheckIn) lastCheckIn[2] = now;

            bool condition =
                (goodCounterSample && rig.Count >= countLimit)                       // overcount: budget 0 ticks
                || (rig.CounterReads && rig.CounterStatus != SensorReadStatus.Ok)    // failed read: budget 0
                || now - lastNewSample > SafetyTiming.CounterFreshnessMicroseconds   // stale counter
                || rig.TemperatureStatus != SensorReadStatus.Ok
                || rig.Temperature >= 4200                                           // over-temperature: budget 0
                || now - rig.LastHeartbeat > linkTimeout                             // link: timeout + ≤ 1 tick
                || linkDownPending
                || now - previousTick > SafetyTiming.OverrunMicroseconds
                || now - lastCheckIn[0] > timeouts[0]
                || now - lastCheckIn[1] > timeouts[1]
                || now - lastCheckIn[2] > timeouts[2];
            oracleFired |= condition;

            bool latched = rig.Supervisor.Mode == SupervisorMode.SafeStop;
            latchedSeen |= latched;
            if ((oracleFired || latchedSeen) && outputs.EmitterMask != 0) return false;
            if (System.Numerics.BitOperations.PopCount((uint)outputs.EmitterMask) > 6) return false;
        }

        return true;
    }
}
