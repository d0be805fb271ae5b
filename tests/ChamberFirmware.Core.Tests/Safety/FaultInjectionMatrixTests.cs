using System.Collections.Generic;
using ChamberFirmware.Core.Control;
using ChamberFirmware.Core.Tests.Treatment;
using ChamberFirmware.Core.Treatment;
using ChamberFirmware.Hal.Sensors;
using Xunit;

namespace ChamberFirmware.Core.Tests.Safety;

public enum InjectedFault
{
    CounterNack,
    CounterClockStretch,
    CounterPartialTransfer,
    CounterCrcMismatch,
    CounterStuckValue,
    CounterFrozenSequence,
    CounterGarbage,
    CounterOutOfRange,
    TemperatureCrcMismatch,
    EmitterStuckOn,
    EmitterStuckOff,
    ReadbackLying,
    KeepAliveStuck,
}

/// <summary>
/// Each single fault, injected at the input level in each session state, must end safe: no
/// emitter energised (line on and bank powered), the session neither Armed nor Active, and when
/// the fault shows while armed, SafeStop latched. After the fault, the operator tries to go on
/// (clear, arm, start): the fault must still end safe.
/// </summary>
public class FaultInjectionMatrixTests
{
    public static IEnumerable<object[]> Cases()
    {
        foreach (InjectedFault fault in System.Enum.GetValues<InjectedFault>())
        {
            foreach (ChamberState state in System.Enum.GetValues<ChamberState>())
            {
                yield return new object[] { fault, state };
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_single_fault_in_any_state_ends_safe(InjectedFault fault, ChamberState state)
    {
        ChamberRig chamber = InState(state);
        Assert.Equal(state, chamber.Controller.State);
        var random = new System.Random(42);
        bool wasArmed = state == ChamberState.Armed || state == ChamberState.Active;

        Inject(chamber, fault);
        for (int i = 0; i < 100; i++)
        {
            StepWithFault(chamber, fault, random);
        }

        if (wasArmed && fault != InjectedFault.KeepAliveStuck && fault != InjectedFault.EmitterStuckOff && fault != InjectedFault.ReadbackLying)
        {
            Assert.Equal(ChamberState.SafeStop, chamber.Controller.State);
        }

        if (state == ChamberState.Active && fault != InjectedFault.KeepAliveStuck)
        {
            // With channels driven, read-back faults show too.
            Assert.Equal(ChamberState.SafeStop, chamber.Controller.State);
        }

        if (!(fault == InjectedFault.KeepAliveStuck && state == ChamberState.Active))
        {
            // A stuck keep-alive is latent while a session runs normally; the next arm's self-test finds it.
            Assert.Equal(0, Energised(chamber));
        }

        // The operator tries to carry on.
        chamber.Controller.Stop(chamber.Now);
        chamber.Controller.ClearFault(chamber.Now, out _);
        for (int i = 0; i < 30; i++) StepWithFault(chamber, fault, random);
        chamber.Controller.ClearFault(chamber.Now, out _);
        chamber.Controller.Stop(chamber.Now);
        StepWithFault(chamber, fault, random);
        chamber.Controller.Arm(ChamberRig.Profile(), chamber.Now, out _);
        for (int i = 0; i < 20; i++) StepWithFault(chamber, fault, random);
        chamber.Controller.Start(chamber.Now);
        for (int i = 0; i < 100; i++) StepWithFault(chamber, fault, random);

        Assert.Equal(0, Energised(chamber));
        Assert.Contains(chamber.Controller.State, new[] { ChamberState.SafeStop, ChamberState.Idle });
    }

    private static int Energised(ChamberRig chamber)
    {
        SupervisorRig rig = chamber.Rig;
        int lines = (rig.LineMask | rig.StuckOnMask) & ~rig.StuckOffMask;
        return rig.InterlockPowered ? lines : 0;
    }

    private static ChamberRig InState(ChamberState state)
    {
        var chamber = new ChamberRig();
        chamber.Rig.Count = 5000;
        chamber.Warm();
        switch (state)
        {
            case ChamberState.Armed:
                chamber.ArmAndWait();
                break;
            case ChamberState.Active:
                chamber.StartActive();
                chamber.Steps(60); // several channels on
                Assert.NotEqual(0, chamber.Rig.Outputs.EmitterMask);
                break;
            case ChamberState.Completed:
                TreatmentProfile profile = ChamberRig.Profile();
                profile.DurationMilliseconds = 1000;
                chamber.StartActive(profile);
                chamber.Steps(110);
                break;
            case ChamberState.SafeStop:
                chamber.StartActive();
                chamber.Steps(20);
                chamber.Rig.Temperature = 4300;
                chamber.Step();
                chamber.Rig.Temperature = 3700;
                chamber.Steps(5);
                break;
        }

        return chamber;
    }

    private static void Inject(ChamberRig chamber, InjectedFault fault)
    {
        SupervisorRig rig = chamber.Rig;
        switch (fault)
        {
            case InjectedFault.CounterNack: rig.CounterStatus = SensorReadStatus.AddressNotAcknowledged; break;
            case InjectedFault.CounterClockStretch: rig.CounterStatus = SensorReadStatus.ClockStretchTimeout; break;
            case InjectedFault.CounterPartialTransfer: rig.CounterStatus = SensorReadStatus.PartialTransfer; break;
            case InjectedFault.CounterCrcMismatch: rig.CounterStatus = SensorReadStatus.CrcMismatch; break;
            case InjectedFault.CounterStuckValue: rig.FreezeSequence = true; break; // register stuck: value and sequence
            case InjectedFault.CounterFrozenSequence: rig.FreezeSequence = true; break; // varying value, same sequence
            case InjectedFault.CounterOutOfRange: rig.CounterStatus = SensorReadStatus.OutOfRange; break;
            case InjectedFault.TemperatureCrcMismatch: rig.TemperatureStatus = SensorReadStatus.CrcMismatch; break;
            case InjectedFault.EmitterStuckOn: rig.StuckOnMask = 0b1000_0000; break;
            case InjectedFault.EmitterStuckOff: rig.StuckOffMask = 0b1; break;
            case InjectedFault.KeepAliveStuck: rig.KeepAliveStuckPowered = true; break;
        }
    }

    private static void StepWithFault(ChamberRig chamber, InjectedFault fault, System.Random random)
    {
        SupervisorRig rig = chamber.Rig;
        switch (fault)
        {
            case InjectedFault.CounterFrozenSequence:
                rig.Count = 5000 + random.Next(-50, 50);
                break;
            case InjectedFault.CounterGarbage:
                rig.Count = random.Next(int.MinValue, int.MaxValue);
                break;
            case InjectedFault.ReadbackLying:
                rig.ReadbackOverride = ~rig.LineMask & 0xFF; // reports the inverse of the lines
                break;
        }

        chamber.Step();
    }
}
