namespace ChamberFirmware.Hal.Simulated.Faults;

/// <summary>One edge of a scheduled fault: at <see cref="AtMicroseconds"/>, apply or clear it.</summary>
public readonly record struct FaultTransition(long AtMicroseconds, SimulatedPart Part, int Channel, FaultKind Kind, bool Active);
