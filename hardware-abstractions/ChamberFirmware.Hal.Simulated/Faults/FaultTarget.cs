using System;

namespace ChamberFirmware.Hal.Simulated.Faults
{

/// <summary>Which part takes which fault: checked when a fault is scheduled, so a bad script fails at once.</summary>
public static class FaultTarget
{
    public static bool Accepts(SimulatedPart part, FaultKind kind) => part switch
    {
        SimulatedPart.NanobotCounter => kind is FaultKind.I2cNack or FaultKind.I2cClockStretchTimeout or FaultKind.I2cPartialTransfer
            or FaultKind.GarbageBytes or FaultKind.ReservedBitsSet or FaultKind.WrongDeviceId or FaultKind.StuckValue
            or FaultKind.FrozenSequence or FaultKind.OutOfRangeValue or FaultKind.CrcError,
        SimulatedPart.TemperatureSensor => kind is FaultKind.I2cNack or FaultKind.I2cClockStretchTimeout or FaultKind.I2cPartialTransfer
            or FaultKind.GarbageBytes or FaultKind.ReservedBitsSet or FaultKind.WrongDeviceId or FaultKind.StuckValue
            or FaultKind.FrozenSequence or FaultKind.OutOfRangeValue,
        SimulatedPart.EmitterChannel => kind is FaultKind.EmitterStuckOn or FaultKind.EmitterStuckOff or FaultKind.ReadbackStuckLow
            or FaultKind.ReadbackStuckHigh or FaultKind.ReadbackEchoesEnable,
        SimulatedPart.KeepAlive => kind is FaultKind.KeepAliveStuck,
        SimulatedPart.HoldCircuit => kind is FaultKind.HoldCircuitStuckPowered,
        SimulatedPart.InterlockPowerSense => kind is FaultKind.PowerSenseStuckHigh or FaultKind.PowerSenseStuckLow,
        SimulatedPart.Plant => kind is FaultKind.RogueReplication,
        _ => false,
    };

    public static void Check(SimulatedPart part, int channel, FaultKind kind, int channelCount)
    {
        if (!Accepts(part, kind))
        {
            throw new ArgumentException($"fault {kind} cannot be applied to {part}", nameof(kind));
        }

        if (part == SimulatedPart.EmitterChannel ? channel < 0 || channel >= channelCount : channel != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(channel), $"channel {channel} is not valid for {part} (0..{channelCount - 1} for emitter channels, 0 otherwise)");
        }
    }
}
}
