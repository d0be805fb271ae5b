namespace ChamberFirmware.Simulation.Safety;

/// <summary>A hazard as the plant's ground truth sees it (not as the firmware believes it).</summary>
public enum HazardKind
{
    /// <summary>True count at or above the armed profile's CountLimit (the hard ceiling when none is armed).</summary>
    Overcount,
    /// <summary>The plant's true growth rate (its model: emitters, decay, rogue replication) is above the armed profile's growth limit (the hard maximum when none is armed).</summary>
    RunawayReplication,
    /// <summary>The console's link is really gone: heartbeats stopped or the transport closed.</summary>
    LinkLost,
    /// <summary>A fault that falsifies or withholds counter readings is active on the counter chip.</summary>
    CounterFault,
    /// <summary>A fault that falsifies or withholds temperature readings is active on the temperature sensor.</summary>
    TemperatureSensorFault,
    /// <summary>The counter's count is frozen at a plausible value while its sequence keeps advancing (stuck value).</summary>
    CounterValueFrozen,
    /// <summary>The temperature sensor keeps reporting one plausible value: a stuck result, or hung with data-ready latched.</summary>
    TemperatureValueFrozen,
    /// <summary>True chamber temperature at or above the over-temperature limit in force.</summary>
    OverTemperature,
    /// <summary>An emitter driver is stuck on while its enable line is off and the bank is up: emitting uncommanded.</summary>
    EmitterStuckOn,
    /// <summary>The firmware's managed loops stopped (hung CPU): only the hold circuit can act.</summary>
    FirmwareHang,
}
