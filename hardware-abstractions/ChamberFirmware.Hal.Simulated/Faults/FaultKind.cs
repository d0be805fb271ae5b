namespace ChamberFirmware.Hal.Simulated.Faults
{

/// <summary>Every fault the simulated board can inject. <see cref="FaultTarget"/> says which part takes which.</summary>
public enum FaultKind
{
    // I2C chips (counter and temperature sensor)
    I2cNack,
    I2cClockStretchTimeout,
    I2cPartialTransfer,
    /// <summary>Random bytes instead of the register contents.</summary>
    GarbageBytes,
    /// <summary>A well-formed frame with reserved status/configuration bits set (a confused or foreign part).</summary>
    ReservedBitsSet,
    WrongDeviceId,
    /// <summary>The measured value freezes; the part goes on converting (sequence advances, data-ready sets).</summary>
    StuckValue,
    /// <summary>
    /// The part hangs. Counter: sequence number and count stop changing while data-ready keeps
    /// claiming a new reading (only the sequence number gives it away). Temperature sensor (no
    /// sequence number): conversions stop and data-ready never sets again.
    /// </summary>
    FrozenSequence,
    /// <summary>A well-formed value beyond the part's full scale.</summary>
    OutOfRangeValue,
    /// <summary>Counter only: the CRC byte does not match the frame.</summary>
    CrcError,

    // Emitter channels
    EmitterStuckOn,
    EmitterStuckOff,
    ReadbackStuckLow,
    ReadbackStuckHigh,
    /// <summary>The readback lies by echoing the enable line instead of sensing the drive.</summary>
    ReadbackEchoesEnable,

    // Interlock
    /// <summary>Keep-alive edges never reach the hold circuit (the bank drops: safe).</summary>
    KeepAliveStuck,
    /// <summary>The hold circuit keeps the bank powered without edges (what the cut-path self-test must find).</summary>
    HoldCircuitStuckPowered,
    PowerSenseStuckHigh,
    PowerSenseStuckLow,

    // Plant
    /// <summary>Replication runs away on its own, emitters or not: the incident.</summary>
    RogueReplication,
}
}
