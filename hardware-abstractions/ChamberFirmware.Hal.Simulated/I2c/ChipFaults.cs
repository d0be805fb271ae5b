using System;

namespace ChamberFirmware.Hal.Simulated.I2c
{

/// <summary>Faults active on one simulated I2C chip.</summary>
[Flags]
public enum ChipFaults
{
    None = 0,
    Nack = 1 << 0,
    ClockStretchTimeout = 1 << 1,
    PartialTransfer = 1 << 2,
    GarbageBytes = 1 << 3,
    ReservedBitsSet = 1 << 4,
    WrongDeviceId = 1 << 5,
    StuckValue = 1 << 6,
    FrozenSequence = 1 << 7,
    OutOfRangeValue = 1 << 8,
    CrcError = 1 << 9,
}
}
