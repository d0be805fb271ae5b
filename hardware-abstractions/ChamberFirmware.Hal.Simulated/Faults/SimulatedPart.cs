namespace ChamberFirmware.Hal.Simulated.Faults
{

/// <summary>The parts of the simulated board a fault can be applied to.</summary>
public enum SimulatedPart
{
    NanobotCounter,
    TemperatureSensor,
    /// <summary>One emitter channel (its driver and its readback); give the channel number.</summary>
    EmitterChannel,
    KeepAlive,
    HoldCircuit,
    InterlockPowerSense,
    Plant,
}
}
