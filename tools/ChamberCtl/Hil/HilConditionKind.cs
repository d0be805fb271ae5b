namespace ChamberCtl.Hil;

/// <summary>
/// The closed set of conditions a scenario can inject through the rig (docs/hil.md, "Conditions").
/// A new condition needs a rig command, a simulator hook and a line in the docs: never open-ended.
/// </summary>
internal enum HilConditionKind
{
    /// <summary>The emulated sensor does not acknowledge its address (I2C NACK).</summary>
    SensorNack,
    /// <summary>The emulated sensor answers with a frozen value and sequence number.</summary>
    SensorStuck,
    /// <summary>The emulated sensor answers with a corrupted CRC byte.</summary>
    SensorCrc,
    /// <summary>An emitter's read-back line stays high whatever it is commanded.</summary>
    EmitterStuckOn,
    /// <summary>An emitter's read-back line stays low whatever it is commanded.</summary>
    EmitterStuckOff,
    /// <summary>The rig halts the controller: the managed loop stops, the keep-alive stops toggling.</summary>
    FirmwareHang,
    /// <summary>The rig cuts the console link (transport down, nothing passes either way).</summary>
    LinkDrop,
    /// <summary>The rig restores the console link.</summary>
    LinkRestore,
    /// <summary>The plant replicates on its own at the given growth rate (runaway replication).</summary>
    RogueOn,
    RogueOff,
    /// <summary>The emulated temperature sensor reports the given temperature.</summary>
    Temperature,
    /// <summary>The rig sends one hostile frame over the link (forged, unauthenticated, replayed, malformed).</summary>
    Frame,
}
