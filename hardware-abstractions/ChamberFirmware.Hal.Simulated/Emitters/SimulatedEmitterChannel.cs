using ChamberFirmware.Hal.Simulated.Gpio;

namespace ChamberFirmware.Hal.Simulated.Emitters
{

/// <summary>
/// One emitter channel: the enable line, the driver stage (which can fail shorted or open) and the
/// readback that senses the real drive. The channel emits only while the bank is powered.
/// </summary>
public sealed class SimulatedEmitterChannel
{
    public SimulatedEmitterChannel(int index, SimulatedOutputPin enable)
    {
        Index = index;
        Enable = enable;
    }

    public int Index { get; }

    public SimulatedOutputPin Enable { get; }

    /// <summary>Set by the chamber once the readback (which reads this channel) exists.</summary>
    public SimulatedInputPin Readback { get; internal set; } = null!;

    /// <summary>Driver shorted: drives whenever the bank is powered.</summary>
    public bool StuckOn { get; set; }

    /// <summary>Driver open: never drives.</summary>
    public bool StuckOff { get; set; }

    /// <summary>Whether the channel really emits, given the bank supply.</summary>
    public bool IsDriven(bool bankPowered) => bankPowered && (StuckOn || (!StuckOff && Enable.Level));
}
}
