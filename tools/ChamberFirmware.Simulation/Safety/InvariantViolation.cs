namespace ChamberFirmware.Simulation.Safety;

/// <summary>The first moment one part of the invariant failed, and what the ground truth was.</summary>
public sealed record InvariantViolation(SafetyInvariant Invariant, long AtMilliseconds, string Detail);
